// Demo traffic: one day of calls for a support-and-documents product, from the named distributions and
// the article-grounded profiles. Pure: returns events in the ingest API's format plus trace labels.
import { chance, HOURLY_SHAPE, intBetween, logNormal, normal, pickWeighted, weekdayFactor, type Random } from "@/lib/demo/distributions";
import {
  FAILING_STEP_WEIGHTS, LABELED_SHARE, MINI, NANO, NANO_SHARE, SPEED, successRate, TASK_MIX, TOKENS, TOOLS, TRAJECTORY_SUCCESS,
  type Model, type TaskType,
} from "@/lib/demo/profiles";
import { demoRouting } from "@/lib/demo/policies";
import type { Policy } from "@switchyard/sdk/core";

export type DemoEvent = Record<string, unknown> & { id: string; timestamp: number };
export type DemoDay = { events: DemoEvent[]; traceLabels: { traceId: string; outcome: "success" | "failure" }[] };

/** Production tasks on a weekday; weekends get 40%. About 200k calls over 30 days. */
export const TASKS_PER_WEEKDAY = 5800;

const FEATURES = { support: 5, billing: 2, onboarding: 2, docs: 1 };
const TIERS = { free: 6, pro: 3, enterprise: 1 };
const HOUR_WEIGHTS = Object.fromEntries(HOURLY_SHAPE.map((w, h) => [String(h), w])) as Record<string, number>;

type Call = { model: Model; ts: number; input: number; output: number; streamed: boolean };

function timing(random: Random, c: Call) {
  const speed = SPEED[c.model];
  const ttft = Math.max(60, logNormal(random, speed.ttftMedianMs, 0.25));
  const tps = Math.max(5, normal(random, speed.tokensPerSec, speed.tokensPerSec * 0.12));
  const latency = Math.round(ttft + (c.output / tps) * 1000);
  return { latencyMs: latency, ...(c.streamed ? { ttftMs: Math.round(ttft) } : {}) };
}

/**
 * What the app would capture for a call (content capture on): a customer message and the model's answer,
 * made from what the generator already decided (no extra random draws, so the traffic is the same with or
 * without content). Wrong answers look wrong the way they do in the article: a misfiled message, an
 * invoice without its total, a summary that only covers the first half.
 */
function contentOf(task: TaskType, id: string, ok: boolean, malformed: boolean, n: number): { input: string; output: string } | null {
  const topics = ["refund", "billing", "shipping", "account"];
  const topic = topics[n % topics.length];
  switch (task) {
    case "classify":
      return { input: JSON.stringify({ messages: [{ role: "user", content: `Customer message ${id} about ${topic}.` }] }), output: ok ? topic : topics[(n + 1) % topics.length] };
    case "extract":
      return {
        input: JSON.stringify({ messages: [{ role: "user", content: `Extract the invoice number and total from document ${id}.` }] }),
        output: malformed ? `{"invoice": "INV-${n}", "total": ` : JSON.stringify(ok ? { invoice: `INV-${n}`, total: (n % 900) + 0.5 } : { invoice: `INV-${n}` }),
      };
    case "summarize":
      return {
        input: JSON.stringify({ messages: [{ role: "user", content: `Summarize report ${id}.` }] }),
        output: ok ? `Summary of report ${id}: revenue, costs and the outlook are covered in order.` : `Summary of report ${id}: revenue and costs (covers the first half only).`,
      };
    default:
      return null;
  }
}

/** The policy version in force at a moment (lib/demo/policies.ts); without one, the profiles' shares, unstamped. */
export type RoutingAt = (ts: number) => { version: number; policy: Policy };

export function generateDay(random: Random, dayStart: Date, dayIndex: number, withContent = false, routingAt?: RoutingAt): DemoDay {
  const events: DemoEvent[] = [];
  const traceLabels: DemoDay["traceLabels"] = [];
  let n = 0;
  const nextId = () => `demo-${dayIndex}-${n++}`;
  const tasks = Math.round(TASKS_PER_WEEKDAY * weekdayFactor(dayStart) * (1 + normal(random, 0, 0.05)));

  const emit = (task: TaskType, c: Call, extra: Record<string, unknown>) => {
    const event: DemoEvent = {
      id: nextId(), timestamp: c.ts, taskType: task, model: c.model, inputTokens: c.input, outputTokens: c.output,
      contextTokens: c.input, status: "ok", ...timing(random, c), ...extra,
    };
    events.push(event);
    return event;
  };

  for (let t = 0; t < tasks; t++) {
    const task = pickWeighted(random, TASK_MIX);
    const hour = Number(pickWeighted(random, HOUR_WEIGHTS));
    const ts = dayStart.getTime() + hour * 3_600_000 + Math.floor(random() * 3_600_000);
    const inForce = routingAt?.(ts);
    const routing = inForce ? demoRouting(inForce.policy, task, {}) : null;
    const model: Model = chance(random, routing ? routing.nanoShare : NANO_SHARE[task]) ? NANO : MINI;
    // Every call carries the version in force; a first attempt also its rule and the chance it had of this model.
    const stamp = inForce ? { policyVersion: inForce.version } : {};
    const routed = inForce ? { ...stamp, ...(routing!.ruleId ? { ruleId: routing!.ruleId } : {}), propensity: routing!.shares.find((s) => s.model === model)!.share } : {};
    const metadata = { feature: pickWeighted(random, FEATURES), tier: pickWeighted(random, TIERS) };
    const size = TOKENS[task];

    if (task === "tool_agent") {
      const traceId = `demo-run-${dayIndex}-${t}`;
      const steps = intBetween(random, 3, 6);
      const succeeds = chance(random, TRAJECTORY_SUCCESS[model]);
      const failAt = succeeds ? -1 : Math.min(steps - 1, Number(pickWeighted(random, FAILING_STEP_WEIGHTS[model])));
      const last = succeeds ? steps - 1 : failAt;
      for (let i = 0; i <= last; i++) {
        const input = Math.round(logNormal(random, size.input + 450 * i, size.sigma));
        const output = Math.round(logNormal(random, size.output, 0.3));
        emit(task, { model, ts: ts + i * 2500, input, output, streamed: true }, {
          traceId, stepIndex: i, toolCount: TOOLS.length, toolCallCount: i < last || !succeeds ? 1 : 0,
          outcome: i === failAt ? "failure" : "success", metadata, ...routed,
        });
      }
      traceLabels.push({ traceId, outcome: succeeds ? "success" : "failure" });
      continue;
    }

    const input = Math.max(20, Math.round(logNormal(random, size.input, size.sigma)));
    const output = Math.max(1, Math.round(logNormal(random, size.output, 0.4)));
    const call: Call = { model, ts, input, output, streamed: task === "summarize" || chance(random, 0.4) };
    const apiError = chance(random, 0.008);
    const malformed = !apiError && task === "extract" && model === NANO && chance(random, 0.03);
    const labeled = chance(random, LABELED_SHARE[task]);
    const ok = chance(random, successRate(task, model, input));
    const captured = withContent && !apiError ? contentOf(task, `${dayIndex}-${t}`, ok, malformed, t) : null;
    const first = emit(task, call, {
      metadata, ...captured, ...routed,
      ...(apiError ? { status: "error", errorType: pickWeighted(random, { api_error: 2, timeout: 2, rate_limit: 1 }), outputTokens: 0 } : {}),
      ...(malformed ? { errorType: "malformed_output", outcome: "failure" } : labeled && !apiError ? { outcome: ok ? "success" : "failure" } : {}),
    });

    // The team's policy escalates nano errors and malformed output to mini.
    if (model === NANO && (apiError || malformed)) {
      emit(task, { ...call, model: MINI, ts: ts + 1500 }, {
        attempt: 2, parentId: first.id, escalatedFrom: NANO, metadata, ...stamp,
        ...(labeled || malformed ? { outcome: chance(random, successRate(task, MINI, input)) ? "success" : "failure" } : {}),
      });
    }
    // Shadow evaluation: a sample of mini's summaries and extractions also run on nano, judged the same way.
    const shadowRate = model === MINI ? (task === "summarize" ? 0.15 : task === "extract" ? 0.1 : 0) : 0;
    if (chance(random, shadowRate)) {
      const judged = chance(random, 0.7);
      const shadowOk = judged && chance(random, successRate(task, NANO, input));
      // Unlabelled shadow answers are captured as if right or wrong by the same draw pattern (no extra draws).
      emit(task, { ...call, model: NANO, ts: ts + 200 }, {
        shadowOf: first.id, metadata, ...stamp,
        ...(withContent ? contentOf(task, `${dayIndex}-${t}-shadow`, judged ? shadowOk : ok, false, t) : {}),
        ...(judged ? { outcome: shadowOk ? "success" : "failure" } : {}),
      });
    }
  }
  return { events, traceLabels };
}
