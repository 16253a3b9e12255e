// Compiles the JSON Schemas evaluators validate with (json_schema configs, tools' parameter schemas) once
// per distinct schema: compiling costs milliseconds, validating microseconds, and tool_args meets the
// same few tool schemas on every call of an agent.
import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import { Ajv2020 } from "ajv/dist/2020";
import { createCache } from "@/lib/evaluators/cache";

type Compiled<T> = { ok: true; value: T } | { ok: false; error: string };

const CACHE_ENTRIES = 200;

// strict: false because users paste schemas written for other tools (OpenAI, zod) with keywords Ajv
// does not know; `format` is not checked (no ajv-formats). addUsedSchema: false so two schemas with the
// same $id do not collide in a shared instance.
const options = { strict: false, logger: false, addUsedSchema: false } as const;
const newInstances = () => ({ draft07: new Ajv(options), draft2020: new Ajv2020(options) }); // zod's toJSONSchema writes 2020-12
// An Ajv instance keeps every schema it compiled for its whole life; fresh instances now and then bound
// that (validators already made keep working). Its removeSchema is no help: it also drops by $id.
const RENEW_AFTER = 1000;
let instances = newInstances();
let compiledByInstances = 0;

function ajvFor(schema: Record<string, unknown>) {
  if (++compiledByInstances > RENEW_AFTER) {
    instances = newInstances();
    compiledByInstances = 1;
  }
  const declared = schema.$schema;
  if (declared === undefined) return instances.draft07;
  if (typeof declared === "string" && declared.includes("draft-07")) return instances.draft07;
  if (typeof declared === "string" && declared.includes("2020-12")) return instances.draft2020;
  return null;
}

const schemas = createCache<Compiled<ValidateFunction>>(CACHE_ENTRIES);

/** A validator for a JSON Schema object, or why it does not compile. */
export function compileSchema(schema: Record<string, unknown>): Compiled<ValidateFunction> {
  let key: string;
  try {
    key = JSON.stringify(schema);
  } catch (err) {
    return { ok: false, error: (err as Error).message };
  }
  return schemas.get(key, () => {
    const own = JSON.parse(key) as Record<string, unknown>; // a private copy: callers may mutate theirs
    const ajv = ajvFor(own);
    if (!ajv) return { ok: false, error: `$schema ${JSON.stringify(own.$schema)} is not supported: use draft-07 or 2020-12` };
    try {
      return { ok: true, value: ajv.compile(own) };
    } catch (err) {
      return { ok: false, error: (err as Error).message };
    }
  });
}

/** The first validation error, said the way a person reads it: "missing required property 'answer' at /". */
export function describeSchemaError(errors: ErrorObject[] | null | undefined): string {
  const e = errors?.[0];
  if (!e) return "does not match the schema";
  const at = e.instancePath || "/";
  if (e.keyword === "required") return `missing required property '${String(e.params.missingProperty)}' at ${at}`;
  if (e.keyword === "additionalProperties") return `unexpected property '${String(e.params.additionalProperty)}' at ${at}`;
  return `${e.message ?? "is invalid"} at ${at}`;
}
