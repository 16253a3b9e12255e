import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { verifyPassword } from "@/lib/auth/password";
import { DEMO_USER, seedDemo } from "@/lib/demo/seed";
import { checkedTeamId } from "@/lib/auth/team-id";
import { listEvaluators } from "@/lib/evaluators/data";
import { getAgreement, getReviewCost } from "@/lib/review/data";
import { setInstanceSetting } from "@/lib/instance/mutations";
import { getDemoProgress } from "@/lib/demo/progress";
import { makeOwner } from "@/tests/factories";

describe("demo seeding", () => {
  it("creates the demo user and team and stores the generated days through the ingest path, once", async () => {
    // Two whole days before a fixed midnight: the same calls whatever the time of day the test runs (a
    // demo anchored to tomorrow would cut today at now, and 40 summaries' kappa swings with which ones).
    await setInstanceSetting("demo_anchor", String(Date.UTC(2026, 10, 4)));
    const first = await seedDemo(() => undefined, 2);
    expect(first.slug).toBe("demo");
    expect(first.calls).toBeGreaterThan(5000);

    const user = await db().user.findUniqueOrThrow({ where: { email: DEMO_USER.email } });
    expect(await verifyPassword(DEMO_USER.password, user.passwordHash!)).toBe(true);
    const team = await db().team.findUniqueOrThrow({ where: { slug: "demo" } });
    expect(await db().call.count({ where: { teamSeq: team.seq } })).toBe(first.calls);
    const rollups = await db().callRollup.aggregate({ where: { teamSeq: team.seq }, _sum: { calls: true, unpriced: true } });
    expect(rollups._sum).toEqual({ calls: BigInt(first.calls), unpriced: 0n });

    // Every agent run got its trace outcome; shadow and escalation calls are there as evidence.
    expect(await db().call.count({ where: { teamSeq: team.seq, traceId: { not: null }, traceOutcome: null } })).toBe(0);
    expect(await db().call.count({ where: { teamSeq: team.seq, shadowOf: { not: null }, model: "gpt-5.4-nano" } })).toBeGreaterThan(0);
    expect(await db().call.count({ where: { teamSeq: team.seq, attempt: 2, escalatedFrom: "gpt-5.4-nano" } })).toBeGreaterThan(0);

    // Evidence beyond app labels, through the real paths: two evaluators with verdicts (the judge's priced),
    // a few hundred reviews with their times, and an agreement between the judge and the reviewers.
    const evaluators = await listEvaluators(checkedTeamId(team.id));
    expect(evaluators.map((e) => [e.kind, e.results.pass > 0, e.results.fail > 0])).toEqual([["json_schema", true, true], ["llm_judge", true, true]]);
    expect(await db().score.count({ where: { teamSeq: team.seq, costNanos: { gt: 0 } } })).toBeGreaterThan(0);
    // The stand-in judge's server is gone after seeding: the evaluator is off, its verdicts kept.
    expect(evaluators.find((e) => e.kind === "llm_judge")!.enabled).toBe(false);
    const cost = await getReviewCost(checkedTeamId(team.id));
    expect(cost.reviews).toBeGreaterThanOrEqual(40); // two days here; the full demo's seven give a few hundred
    expect(cost.medianSeconds!).toBeGreaterThanOrEqual(15);
    expect(cost.costPerReviewUsd).not.toBeNull();
    const agreement = await getAgreement(checkedTeamId(team.id));
    // The judge misjudges ~4% and the reviewer ~3%: on these 40 summaries they agree on ~93%, well beyond chance.
    const summaries = agreement.find((a) => a.taskType === "summarize")!;
    expect(summaries.n).toBe(40);
    expect(summaries.agreement).toBeGreaterThan(0.85);
    expect(summaries.kappa).toBeGreaterThan(0.5);

    expect(await seedDemo(() => undefined, 2)).toEqual({ slug: "demo", calls: 0 });
    expect(await db().call.count({ where: { teamSeq: team.seq } })).toBe(first.calls);
    expect(await db().policyVersion.count({ where: { teamId: team.id } })).toBe(3);
  }, 90_000); // two days of demo traffic, evaluators and reviews through the real paths: 20-30 s here

  it("reports its progress to the demo team's pages until the evidence is in, and to no other team", async () => {
    const { team } = await makeOwner();
    await setInstanceSetting("demo_team", team.id);
    await setInstanceSetting("demo_days", "30");
    await setInstanceSetting("demo_days_done", "12");
    await setInstanceSetting("demo_evidence_done", ""); // as before the evidence (seeding's flags are non-empty)
    expect(await getDemoProgress(team.id)).toEqual({ daysDone: 12, days: 30, phase: "traffic" });
    expect(await getDemoProgress("another-team")).toBeNull();
    await setInstanceSetting("demo_days_done", "30");
    expect(await getDemoProgress(team.id)).toEqual({ daysDone: 30, days: 30, phase: "evidence" });
    await setInstanceSetting("demo_evidence_done", "1");
    expect(await getDemoProgress(team.id)).toBeNull();
  });

  it("routes the traffic by a policy history it then publishes: a split, extraction on nano, a rollback", async () => {
    await setInstanceSetting("demo_anchor", String(Date.UTC(2026, 10, 4)));
    await seedDemo(() => undefined, 2);
    const team = await db().team.findUniqueOrThrow({ where: { slug: "demo" } });
    const versions = await db().policyVersion.findMany({ where: { teamId: team.id }, orderBy: { version: "asc" } });
    expect(versions.map((v) => [v.version, v.message])).toEqual([
      [1, "Split each task type between nano and mini as measured"],
      [2, "Extraction to nano: shadow calls put it within a few points"],
      [3, "Rollback to version 1"],
    ]);
    expect(versions[2].policy).toEqual(versions[0].policy);
    // Dated where they took effect: the span's start, 80% and 88% of the two days.
    const start = Date.UTC(2026, 10, 2);
    expect(versions.map((v) => v.publishedAt.getTime() - start)).toEqual([0, 0.8, 0.88].map((f) => Math.round(f * 2 * 86_400_000)));
    const audit = await db().auditEntry.findMany({ where: { teamId: team.id, action: { in: ["policy.publish", "policy.rollback"] } } });
    expect(audit.map((a) => a.action).sort()).toEqual(["policy.publish", "policy.publish", "policy.rollback"]);

    // Each first attempt carries the version in force at its time, its rule and its propensity.
    const stamped = await db().$queryRaw<{ version: number; from: Date; to: Date; extract: bigint; nano: bigint; unstamped: bigint }[]>`
      SELECT "policyVersion" AS version, min("ts") AS "from", max("ts") AS "to", count(*) FILTER (WHERE "taskType" = 'extract') AS extract,
             count(*) FILTER (WHERE "taskType" = 'extract' AND "model" = 'gpt-5.4-nano') AS nano,
             count(*) FILTER (WHERE "propensity" IS NULL) AS unstamped
      FROM "Call" WHERE "teamSeq" = ${team.seq} AND "attempt" = 1 AND "shadowOf" IS NULL GROUP BY 1 ORDER BY 1`;
    expect(stamped.map((r) => r.version)).toEqual([1, 2, 3]);
    expect(stamped.every((r) => r.unstamped === 0n)).toBe(true);
    for (const [i, r] of stamped.entries()) {
      expect(r.from.getTime()).toBeGreaterThanOrEqual(versions[i].publishedAt.getTime());
      if (versions[i + 1]) expect(r.to.getTime()).toBeLessThan(versions[i + 1].publishedAt.getTime());
    }
    // Version 2 sent every extraction to nano; the others about a quarter.
    expect(stamped[1].nano).toBe(stamped[1].extract);
    expect(Number(stamped[0].nano) / Number(stamped[0].extract)).toBeGreaterThan(0.15);
    expect(Number(stamped[0].nano) / Number(stamped[0].extract)).toBeLessThan(0.35);
  });
});
