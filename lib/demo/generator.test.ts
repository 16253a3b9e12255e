import { describe, expect, it } from "vitest";
import { seeded } from "@/lib/demo/distributions";
import { generateDay } from "@/lib/demo/generator";
import { callEventSchema } from "@/lib/ingest/schema";

const monday = new Date("2026-11-16T00:00:00Z");

function rate(events: Record<string, unknown>[], filter: (e: Record<string, unknown>) => boolean) {
  const labeled = events.filter((e) => filter(e) && e.outcome && !e.shadowOf && (e.attempt ?? 1) === 1);
  return labeled.filter((e) => e.outcome === "success").length / labeled.length;
}

describe("demo generator", () => {
  const days = Array.from({ length: 7 }, (_, i) => generateDay(seeded(1000 + i), new Date(monday.getTime() + i * 86_400_000), i));
  const events = days.flatMap((d) => d.events);

  it("is deterministic for a seed and emits only valid events", () => {
    expect(generateDay(seeded(1000), monday, 0)).toEqual(days[0]);
    for (const e of events.slice(0, 3000)) expect(callEventSchema.safeParse(e).success).toBe(true);
    expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
  });

  it("has about 200k calls in 30 days, with quieter weekends", () => {
    const perWeek = events.length;
    expect(perWeek * (30 / 7)).toBeGreaterThan(170_000);
    expect(perWeek * (30 / 7)).toBeLessThan(230_000);
    expect(days[5].events.length).toBeLessThan(days[2].events.length * 0.5);
  });

  it("reproduces the article's success rates within sampling error", () => {
    const of = (task: string, model: string) => (e: Record<string, unknown>) => e.taskType === task && e.model === model;
    expect(rate(events, of("classify", "gpt-5.4-mini"))).toBeCloseTo(0.931, 1);
    expect(rate(events, of("classify", "gpt-5.4-nano"))).toBeCloseTo(0.913, 1);
    expect(rate(events, of("extract", "gpt-5.4-mini"))).toBeCloseTo(0.942, 1);
    const runs = days.flatMap((d) => d.traceLabels);
    const nanoRuns = new Set(events.filter((e) => e.traceId && e.model === "gpt-5.4-nano").map((e) => e.traceId));
    const success = (ids: (r: { traceId: string }) => boolean) => {
      const rs = runs.filter(ids);
      return rs.filter((r) => r.outcome === "success").length / rs.length;
    };
    expect(success((r) => nanoRuns.has(r.traceId))).toBeCloseTo(0.78, 1);
    expect(success((r) => !nanoRuns.has(r.traceId))).toBeCloseTo(0.91, 1);
  });

  it("makes nano fail multi-tool runs mostly on steps 2-3", () => {
    const failing = events.filter((e) => e.traceId && e.model === "gpt-5.4-nano" && e.outcome === "failure");
    const onSteps23 = failing.filter((e) => e.stepIndex === 1 || e.stepIndex === 2).length;
    expect(onSteps23 / failing.length).toBeGreaterThan(0.7);
  });
});
