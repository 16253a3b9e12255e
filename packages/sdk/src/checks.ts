// Malformed-output checks (contracts §5 escalation): JSON asked for and not returned, a json_schema not
// satisfied, or tool-call arguments that are not valid JSON for the tool's parameter schema.
import { Ajv, type ValidateFunction } from "ajv";

const ajv = new Ajv({ strict: false, allErrors: false });
const compiled = new WeakMap<object, ValidateFunction>();

function validatorFor(schema: object): ValidateFunction | null {
  let v = compiled.get(schema);
  if (!v) {
    try {
      v = ajv.compile(schema);
    } catch {
      return null; // a schema we cannot compile is not the model's fault
    }
    compiled.set(schema, v);
  }
  return v;
}

function parse(text: string | null | undefined): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text ?? "") };
  } catch {
    return { ok: false };
  }
}

type Format = { type?: string; json_schema?: { schema?: object }; schema?: object } | undefined;
type Tool = { type?: string; name?: string; function?: { name?: string; parameters?: object }; parameters?: object };
type ToolCall = { name: string; arguments: string };

/** The reason the output is malformed, or null when it is fine. */
export function malformedReason(format: Format, text: string | null | undefined, toolCalls: ToolCall[], tools: Tool[] | undefined): string | null {
  if (format?.type === "json_object" || format?.type === "json_schema") {
    if (text !== null && text !== undefined && text !== "") {
      const parsed = parse(text);
      if (!parsed.ok) return "response is not valid JSON";
      const schema = format.json_schema?.schema ?? format.schema;
      const validate = format.type === "json_schema" && schema ? validatorFor(schema) : null;
      if (validate && !validate(parsed.value)) return `response does not match the JSON schema: ${ajv.errorsText(validate.errors)}`;
    }
  }
  for (const call of toolCalls) {
    const parsed = parse(call.arguments);
    if (!parsed.ok) return `arguments of tool call ${call.name} are not valid JSON`;
    const tool = tools?.find((t) => (t.function?.name ?? t.name) === call.name);
    const schema = tool?.function?.parameters ?? tool?.parameters;
    const validate = schema ? validatorFor(schema) : null;
    if (validate && !validate(parsed.value)) return `arguments of tool call ${call.name} do not match its parameters: ${ajv.errorsText(validate.errors)}`;
  }
  return null;
}

/** A rough token count of a prompt, for routing before the call (about four characters a token). */
export function estimateTokens(value: unknown): number {
  if (value === undefined || value === null) return 0;
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return Math.ceil(text.length / 4);
}
