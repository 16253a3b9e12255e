// The llm_judge kind (contracts §13) without the network: the request to POST {baseUrl}/chat/completions
// and the reading of its answer, so both are tested here and the caller only sends and prices.
import type { Config } from "@/lib/evaluators/kinds";
import { parseJson } from "@/lib/evaluators/json";

const SYSTEM =
  "You grade one output of an AI application against the rubric in the user message. " +
  'Answer only with JSON: {"verdict": "pass" or "fail", "reason": one short sentence saying why}.';

const VERDICT_SCHEMA = {
  type: "object",
  properties: { verdict: { type: "string", enum: ["pass", "fail"] }, reason: { type: "string" } },
  required: ["verdict", "reason"],
  additionalProperties: false,
} as const;

// The caller judges only calls with captured output; the input may not have been captured.
const NOT_CAPTURED = "(not captured)";
const MAX_REASON_CHARS = 1000;

export type JudgeRequest = { url: string; headers: Record<string, string>; body: string };

/**
 * The judge call, ready for fetch(url, { method: "POST", headers, body }). Both placeholders are filled in
 * one pass with the captured text as it is, so content that contains "{{output}}" or "$&" is not expanded.
 */
export function judgeRequest(config: Config<"llm_judge">, input: string | null, output: string | null): JudgeRequest {
  const values = { input: input ?? NOT_CAPTURED, output: output ?? NOT_CAPTURED };
  const rubric = config.rubric.replace(/\{\{(input|output)\}\}/g, (_, name: "input" | "output") => values[name]);
  return {
    url: `${config.baseUrl.replace(/\/+$/, "")}/chat/completions`,
    headers: { "Content-Type": "application/json", ...(config.apiKey ? { Authorization: `Bearer ${config.apiKey}` } : {}) },
    body: JSON.stringify({
      model: config.model,
      messages: [
        { role: "system", content: SYSTEM },
        { role: "user", content: rubric },
      ],
      response_format: { type: "json_schema", json_schema: { name: "verdict", strict: true, schema: VERDICT_SCHEMA } },
      temperature: 0,
    }),
  };
}

/** The length of the prompt judgeRequest sends for captured content of these lengths (input null: not captured), for estimates. */
export function judgePromptChars(rubric: string, inputChars: number | null, outputChars: number): number {
  const values = { input: inputChars ?? NOT_CAPTURED.length, output: outputChars };
  let chars = SYSTEM.length + rubric.length;
  for (const m of rubric.matchAll(/\{\{(input|output)\}\}/g)) chars += values[m[1] as "input" | "output"] - m[0].length;
  return chars;
}

/** Tokens are null when the answer did not report usage, so the caller can tell unknown from free. */
export type JudgeResult = { verdict: "pass" | "fail" | null; reason: string; inputTokens: number | null; outputTokens: number | null };

type Loose = Record<string, unknown>;
const isObject = (v: unknown): v is Loose => typeof v === "object" && v !== null && !Array.isArray(v);
const tokens = (v: unknown) => (typeof v === "number" && Number.isInteger(v) && v >= 0 ? v : null);
const cut = (s: string) => (s.length > MAX_REASON_CHARS ? `${s.slice(0, MAX_REASON_CHARS - 3)}...` : s);

/** Reads the judge's chat completion; a null verdict carries why the answer was not a verdict. */
export function parseJudgeResponse(json: unknown): JudgeResult {
  const usage = isObject(json) && isObject(json.usage) ? json.usage : {};
  const counted = { inputTokens: tokens(usage.prompt_tokens), outputTokens: tokens(usage.completion_tokens) };
  const invalid = (reason: string): JudgeResult => ({ verdict: null, reason: cut(`judge ${reason}`), ...counted });
  if (!isObject(json)) return invalid("answer is not a JSON object");
  if (json.error) return invalid(`answered an error: ${String(isObject(json.error) ? json.error.message : json.error)}`);
  const choice = Array.isArray(json.choices) ? json.choices[0] : undefined;
  if (!isObject(choice) || !isObject(choice.message)) return invalid("answer has no choices");
  if (typeof choice.message.refusal === "string" && choice.message.refusal) return invalid(`refused: ${choice.message.refusal}`);
  const content = choice.message.content;
  if (typeof content !== "string") return invalid("answer has no content");
  // Some OpenAI-compatible servers wrap the JSON in a Markdown fence despite response_format.
  const parsed = parseJson(content.trim().replace(/^```(?:json)?\s*([\s\S]*?)\s*```$/, "$1"));
  if (!parsed.ok) return invalid(`answer is not JSON: ${parsed.error}`);
  const { verdict, reason } = isObject(parsed.value) ? parsed.value : ({} as Loose);
  if (verdict !== "pass" && verdict !== "fail") return invalid(`verdict must be "pass" or "fail", got ${typeof verdict === "string" ? JSON.stringify(verdict) : "none"}`);
  return { verdict, reason: cut(typeof reason === "string" && reason ? reason : "(the judge gave no reason)"), ...counted };
}
