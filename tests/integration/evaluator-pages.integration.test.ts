// The Evaluators page's figures on the real database: the count the backfill form shows before a run is
// the total the run then goes through, for every kind of scope; another team's evaluator is not found.
import { describe, expect, it } from "vitest";
import { setContentCapture } from "@/lib/teams/mutations";
import { startBackfill } from "@/lib/evaluators/backfill";
import { createEvaluator } from "@/lib/evaluators/mutations";
import { loadEvaluatorPage, loadEvaluatorsPage, previewBackfill } from "@/lib/evaluators/page-data";
import { evaluatorBodySchema } from "@/lib/evaluators/schema";
import { ingestEvents } from "@/lib/ingest/mutations";
import { getJob } from "@/lib/jobs/queue";
import { makeEvent, makeOwner } from "@/tests/factories";

const now = Date.now();
const HOUR = 3_600_000;

describe("evaluator page data", () => {
  it("counts what a backfill will go through, exactly as the run's total", async () => {
    const { team } = await makeOwner();
    await setContentCapture(team.id, null, true);
    const call = (id: string, over: Record<string, unknown> = {}) =>
      makeEvent({ id, taskType: "extract", model: "gpt-5.4-nano", timestamp: now - HOUR, output: '{"ok": true}', ...over });
    await ingestEvents(team.id, [
      call("a"), call("b"), call("mini", { model: "gpt-5.4-mini" }), call("classify", { taskType: "classify" }),
      call("shadow", { shadowOf: "a" }), call("no-output", { output: undefined }), call("old", { timestamp: now - 30 * 24 * HOUR }),
    ]);
    const from = new Date(now - 2 * 24 * HOUR), to = new Date(now + HOUR);
    const scopes = [
      {}, { taskTypes: ["extract"] }, { models: ["gpt-5.4-nano"] }, { taskTypes: ["extract", "classify"], models: ["gpt-5.4-mini"] },
      { production: true, shadow: false }, { production: false, shadow: true },
    ];
    const counts = [];
    for (const scope of scopes) {
      const body = evaluatorBodySchema.parse({ name: "Any JSON", kind: "json_schema", config: { schema: {} }, scope });
      const { id } = await createEvaluator(team.id, {}, body);
      const n = (await previewBackfill(team.id, id, { from, to }))!.calls;
      const job = await getJob(team.id, await startBackfill(team.id, id, from, to));
      expect(job!.total).toBe(n);
      counts.push(n);
    }
    expect(counts).toEqual([5, 4, 4, 1, 4, 1]);
  });

  it("lists the evaluators with their runs, and finds one only in its own team", async () => {
    const { team } = await makeOwner();
    const { team: other } = await makeOwner();
    const body = evaluatorBodySchema.parse({ name: "Refunds", kind: "contains", config: { text: "refund", mustContain: true } });
    const { id } = await createEvaluator(team.id, {}, body);
    const window = { from: new Date(now - 24 * HOUR), to: new Date(now) };
    await startBackfill(team.id, id, window.from, window.to);
    const page = await loadEvaluatorsPage(team.id);
    expect(page.evaluators.map((e) => [e.name, e.results])).toEqual([["Refunds", { pass: 0, fail: 0 }]]);
    expect(page.backfills).toMatchObject([{ evaluatorId: id, state: "queued", done: 0, total: 0, from: window.from, to: window.to }]);
    expect(page.captureContent).toBe(false);
    expect(await loadEvaluatorPage(team.id, id)).toMatchObject({ evaluator: { id }, backfills: [{ evaluatorId: id }] });
    expect(await loadEvaluatorPage(other.id, id)).toBeNull();
    expect(await previewBackfill(other.id, id, window)).toBeNull();
  });
});
