import type { PolicyInput } from "@switchyard/sdk/core";

export type Draft = PolicyInput;
export type Rule = NonNullable<Draft["rules"]>[number];
export type When = NonNullable<Rule["when"]>;
export type Range = NonNullable<When["contextTokens"]>;
/** Validation problems by path ("rules.0.model"), from the SDK's policy schema. */
export type Issues = Map<string, string>;

export const OPS: { op: keyof Range; label: string }[] = [
  { op: "gt", label: ">" }, { op: "gte", label: "≥" }, { op: "lt", label: "<" }, { op: "lte", label: "≤" },
];

/** The first problem at a path or below it ("rules.0.split" finds "rules.0.split.1.weight"). */
export function issueAt(issues: Issues, path: string): string | undefined {
  for (const [p, message] of issues) if (p === path || p.startsWith(`${path}.`)) return message;
  return undefined;
}
