// The OTLP trace messages we read and answer with (opentelemetry-proto: collector/trace/v1, trace/v1,
// common/v1, resource/v1), as a protobufjs descriptor: only the fields an LLM span needs are decoded; the
// rest of a span is skipped as unknown fields, which protobuf allows.
import protobuf from "protobufjs";

const KEY_VALUE = { fields: { key: { type: "string", id: 1 }, value: { type: "AnyValue", id: 2 } } };

const root = protobuf.Root.fromJSON({
  nested: {
    otlp: {
      nested: {
        AnyValue: {
          oneofs: { value: { oneof: ["stringValue", "boolValue", "intValue", "doubleValue", "arrayValue", "kvlistValue", "bytesValue"] } },
          fields: {
            stringValue: { type: "string", id: 1 }, boolValue: { type: "bool", id: 2 }, intValue: { type: "int64", id: 3 },
            doubleValue: { type: "double", id: 4 }, arrayValue: { type: "ArrayValue", id: 5 }, kvlistValue: { type: "KeyValueList", id: 6 },
            bytesValue: { type: "bytes", id: 7 },
          },
        },
        ArrayValue: { fields: { values: { rule: "repeated", type: "AnyValue", id: 1 } } },
        KeyValueList: { fields: { values: { rule: "repeated", type: "KeyValue", id: 1 } } },
        KeyValue: KEY_VALUE,
        Resource: { fields: { attributes: { rule: "repeated", type: "KeyValue", id: 1 } } },
        InstrumentationScope: { fields: { name: { type: "string", id: 1 }, version: { type: "string", id: 2 } } },
        Status: { fields: { message: { type: "string", id: 2 }, code: { type: "int32", id: 3 } } },
        Event: { fields: { timeUnixNano: { type: "fixed64", id: 1 }, name: { type: "string", id: 2 }, attributes: { rule: "repeated", type: "KeyValue", id: 3 } } },
        Span: {
          fields: {
            traceId: { type: "bytes", id: 1 }, spanId: { type: "bytes", id: 2 }, parentSpanId: { type: "bytes", id: 4 }, name: { type: "string", id: 5 },
            kind: { type: "int32", id: 6 }, startTimeUnixNano: { type: "fixed64", id: 7 }, endTimeUnixNano: { type: "fixed64", id: 8 },
            attributes: { rule: "repeated", type: "KeyValue", id: 9 }, events: { rule: "repeated", type: "Event", id: 11 }, status: { type: "Status", id: 15 },
          },
        },
        ScopeSpans: { fields: { scope: { type: "InstrumentationScope", id: 1 }, spans: { rule: "repeated", type: "Span", id: 2 } } },
        ResourceSpans: { fields: { resource: { type: "Resource", id: 1 }, scopeSpans: { rule: "repeated", type: "ScopeSpans", id: 2 } } },
        ExportTraceServiceRequest: { fields: { resourceSpans: { rule: "repeated", type: "ResourceSpans", id: 1 } } },
        ExportTracePartialSuccess: { fields: { rejectedSpans: { type: "int64", id: 1 }, errorMessage: { type: "string", id: 2 } } },
        ExportTraceServiceResponse: { fields: { partialSuccess: { type: "ExportTracePartialSuccess", id: 1 } } },
      },
    },
  },
});

export const ExportRequest = root.lookupType("otlp.ExportTraceServiceRequest");
export const ExportResponse = root.lookupType("otlp.ExportTraceServiceResponse");
