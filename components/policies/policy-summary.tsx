import type { Policy } from "@switchyard/sdk";

type Range = { gt?: number; gte?: number; lt?: number; lte?: number };
const ops: [keyof Range, string][] = [["gt", ">"], ["gte", "≥"], ["lt", "<"], ["lte", "≤"]];
const range = (name: string, r?: Range) => (r ? ops.filter(([k]) => r[k] !== undefined).map(([k, s]) => `${name} ${s} ${r[k]!.toLocaleString("en-US")}`) : []);

export function describeWhen(when: NonNullable<Policy["rules"]>[number]["when"] | undefined): string {
  const parts = [
    ...(when?.taskType ? [`task type is ${when.taskType.join(" or ")}`] : []),
    ...range("context", when?.contextTokens),
    ...range("tools", when?.toolCount),
    ...Object.entries(when?.metadata ?? {}).map(([k, v]) => `${k} = ${Array.isArray(v) ? v.join(" or ") : v}`),
  ];
  return parts.length ? parts.join(", ") : "always";
}

/** A policy in words: ordered rules, the default, escalation, shadow samples and exploration. */
export function PolicySummary({ policy }: { policy: Policy }) {
  return (
    <div className="space-y-2 text-sm">
      <ol className="list-decimal space-y-1 pl-5">
        {(policy.rules ?? []).map((r) => (
          <li key={r.id}>
            <span className="font-medium">{r.id}</span>: when {describeWhen(r.when)} → {r.model ?? r.split!.map((a) => `${a.model} (weight ${a.weight})`).join(", ")}
          </li>
        ))}
        <li className="list-none text-gray-700">Otherwise → {policy.defaultModel}</li>
      </ol>
      {policy.escalation && <p>Escalation: on {policy.escalation.on.join(" or ")} → {policy.escalation.model}, up to {policy.escalation.maxAttempts} attempts.</p>}
      {(policy.shadow ?? []).map((s, i) => <p key={i}>Shadow: {(s.sampleRate * 100).toFixed(1)}% of calls when {describeWhen(s.when)} also go to {s.model}.</p>)}
      {policy.explore && <p>Exploration: {(policy.explore.rate * 100).toFixed(1)}% of routed calls when {describeWhen(policy.explore.when)} go to {policy.explore.models.join(" or ")} instead.</p>}
    </div>
  );
}
