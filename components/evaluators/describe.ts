// How the Evaluators pages name kinds and scopes, on the server and in the form alike.
import type { Scope } from "@/lib/evaluators/schema";

export const KIND_INFO: Record<string, { label: string; help: string }> = {
  json_schema: { label: "JSON Schema", help: "The output is JSON that matches a schema (drafts 7 and 2020-12)." },
  regex: { label: "Regex", help: "The output matches a pattern, or must not." },
  contains: { label: "Contains", help: "The output contains a text, or must not." },
  expected: { label: "Expected value", help: "The output equals the answer your app put in the call's metadata." },
  tool_args: { label: "Tool arguments", help: "Each tool call's arguments are valid for that tool's parameter schema in the captured request." },
  llm_judge: { label: "LLM judge", help: "A model grades the output against your rubric and answers pass or fail with a reason." },
};

export const kindLabel = (kind: string) => KIND_INFO[kind]?.label ?? kind;

/** "extract · all models · production and shadow". */
export function describeScope(scope: Scope) {
  const calls = scope.production && scope.shadow ? "production and shadow" : scope.production ? "production only" : "shadow only";
  return [scope.taskTypes?.join(", ") ?? "all task types", scope.models?.join(", ") ?? "all models", calls].join(" · ");
}

export const formatRate = (rate: number) => `${Math.round(rate * 1000) / 10}%`;
