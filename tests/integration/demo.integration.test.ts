import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { verifyPassword } from "@/lib/auth/password";
import { DEMO_USER, seedDemo } from "@/lib/demo/seed";

describe("demo seeding", () => {
  it("creates the demo user and team and stores the generated days through the ingest path, once", async () => {
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

    expect(await seedDemo(() => undefined, 2)).toEqual({ slug: "demo", calls: 0 });
    expect(await db().call.count({ where: { teamSeq: team.seq } })).toBe(first.calls);
  });
});
