// One checker per deterministic kind, made once per config (kinds.ts caches them) and run per call.
// Verdict rules: a call the kind cannot speak about gets a null verdict (no score, so it does not move the
// call's outcome) rather than a vacuous pass or an unfair fail:
// - the text kinds (json_schema, regex, contains, expected) need the answer's text: an answer that is only
//   tool calls gets null;
// - expected needs the value in the call's metadata (null without it; null when json_equal and that value
//   is not JSON, since the app's reference is at fault, not the model);
// - tool_args needs tool calls: a call without any gets null, whether or not tools were offered (choosing
//   to answer in text is not an argument error). Arguments that are not JSON, or break the parameter
//   schema of the tool they name, fail; a tool whose schema is unknown (input not captured or cut off,
//   a name the request did not offer) or does not compile cannot be checked, so the call gets null unless
//   another of its tool calls failed.
import { readCaptured, readOutput } from "@/lib/evaluators/captured";
import { compileSchema, describeSchemaError } from "@/lib/evaluators/compile";
import { firstDifference, parseJson } from "@/lib/evaluators/json";
import type { Config } from "@/lib/evaluators/kinds";
import { compileRegex } from "@/lib/evaluators/regex";

export type Call = { input: string | null; output: string | null; metadata: Record<string, string> | null };
export type Verdict = { verdict: "pass" | "fail"; reason: string } | { verdict: null; reason: string };

const pass = (reason: string): Verdict => ({ verdict: "pass", reason });
const fail = (reason: string): Verdict => ({ verdict: "fail", reason });
const cannot = (reason: string): Verdict => ({ verdict: null, reason });
const NO_TEXT = cannot("the output has no text (only tool calls)");

// Captured content is cut at 32 KiB anyway; this bounds what one regex test can cost on longer text.
const REGEX_INPUT_CHARS = 32 * 1024;

/** A value quoted for a reason, cut so reasons stay short. */
function quote(value: unknown): string {
  if (value === undefined) return "missing";
  const s = typeof value === "string" ? value : JSON.stringify(value);
  return JSON.stringify(s.length > 60 ? `${s.slice(0, 57)}...` : s);
}

function notJson(text: string): string {
  const parsed = parseJson(text);
  return `output is not JSON: ${parsed.ok ? "" : parsed.error}`;
}

export function checkJsonSchema(config: Config<"json_schema">) {
  const compiled = compileSchema(config.schema);
  return (call: Call): Verdict => {
    if (!compiled.ok) return cannot(`the schema does not compile: ${compiled.error}`);
    const out = readOutput(call.output);
    if (out.text === null) return NO_TEXT;
    if (out.json === undefined) return fail(notJson(out.text));
    const validate = compiled.value;
    return validate(out.json) ? pass("output matches the schema") : fail(describeSchemaError(validate.errors));
  };
}

export function checkRegex(config: Config<"regex">) {
  const compiled = compileRegex(config.pattern, config.flags);
  const shown = `/${config.pattern.length > 60 ? `${config.pattern.slice(0, 57)}...` : config.pattern}/${config.flags ?? ""}`;
  return (call: Call): Verdict => {
    if (!compiled.ok) return cannot(`evaluator config is invalid: pattern does not compile: ${compiled.error}`);
    const { text } = readOutput(call.output);
    if (text === null) return NO_TEXT;
    const match = compiled.value.find(text.length > REGEX_INPUT_CHARS ? text.slice(0, REGEX_INPUT_CHARS) : text);
    if (config.mustMatch) return match ? pass(`matches ${shown}`) : fail(`does not match ${shown}`);
    return match ? fail(`matches ${shown} at position ${match.index}: ${quote(match.text)}`) : pass(`does not match ${shown}`);
  };
}

export function checkContains(config: Config<"contains">) {
  return (call: Call): Verdict => {
    const { text } = readOutput(call.output);
    if (text === null) return NO_TEXT;
    const found = text.includes(config.text);
    const said = `${found ? "contains" : "does not contain"} ${quote(config.text)}`;
    return found === config.mustContain ? pass(said) : fail(said);
  };
}

export function checkExpected(config: Config<"expected">) {
  const key = config.metadataKey;
  return (call: Call): Verdict => {
    const expected = call.metadata && Object.hasOwn(call.metadata, key) ? call.metadata[key] : undefined;
    if (typeof expected !== "string") return cannot(`no metadata '${key}' on the call`);
    const out = readOutput(call.output);
    if (out.text === null) return NO_TEXT;
    if (config.mode === "exact") {
      return out.text === expected ? pass(`equals metadata '${key}'`) : fail(`output ${quote(out.text)} does not equal metadata '${key}' ${quote(expected)}`);
    }
    const want = parseJson(expected);
    if (!want.ok) return cannot(`metadata '${key}' is not JSON: ${want.error}`);
    if (out.json === undefined) return fail(notJson(out.text));
    const d = firstDifference(out.json, want.value);
    return d ? fail(`differs from metadata '${key}' at ${d.at}: ${quote(d.actual)} instead of ${quote(d.expected)}`) : pass(`equals metadata '${key}' as JSON`);
  };
}

export function checkToolArgs(call: Call): Verdict {
  const { toolCalls, tools } = readCaptured(call.input, call.output);
  if (!toolCalls.length) return cannot("no tool calls in the output");
  let unknown: string | null = null;
  for (const c of toolCalls) {
    const args = parseJson(c.arguments);
    if (!args.ok) return fail(`arguments of '${c.name}' are not JSON: ${args.error}`);
    const tool = tools.find((t) => t.name === c.name);
    if (!tool) {
      unknown ??= `no parameter schema known for tool '${c.name}'${call.input === null ? " (input not captured)" : ""}`;
      continue;
    }
    if (tool.parameters === undefined) continue; // a function declared without parameters: any JSON will do
    const validator = typeof tool.parameters === "object" && tool.parameters !== null && !Array.isArray(tool.parameters) ? compileSchema(tool.parameters as Record<string, unknown>) : null;
    if (!validator?.ok) {
      unknown ??= `the parameter schema of '${c.name}' does not compile${validator ? `: ${validator.error}` : ""}`;
      continue;
    }
    if (!validator.value(args.value)) return fail(`arguments of '${c.name}': ${describeSchemaError(validator.value.errors)}`);
  }
  if (unknown) return cannot(unknown);
  return pass(toolCalls.length === 1 ? "1 tool call with valid arguments" : `${toolCalls.length} tool calls with valid arguments`);
}
