import { afterEach, describe, expect, it } from "vitest";
import { GET as getPolicy } from "@/app/api/v1/policy/route";
import { db } from "@/lib/db";
import { resetEnvForTests } from "@/lib/env";
import { migrate } from "@/lib/migrate";
import { verifyPassword } from "@/lib/auth/password";
import { applyHeadlessInit } from "@/lib/startup/headless";
import { apiRequest } from "@/tests/factories";

const INIT = {
  SWITCHYARD_INIT_EMAIL: "ci@example.test",
  SWITCHYARD_INIT_PASSWORD: "ci-password-123",
  SWITCHYARD_INIT_TEAM: "CI Team",
  SWITCHYARD_INIT_INGEST_KEY: "ingest-secret-000000000001",
  SWITCHYARD_INIT_READ_KEY: "read-secret-00000000000001",
  SWITCHYARD_INIT_ADMIN_KEY: "admin-secret-0000000000001",
};

function withEnv(values: Record<string, string>) {
  Object.assign(process.env, values);
  resetEnvForTests();
}

afterEach(() => {
  for (const k of [...Object.keys(INIT), "SWITCHYARD_INIT_EMAIL", "SWITCHYARD_INIT_PASSWORD"]) delete process.env[k];
  resetEnvForTests();
});

describe("start-up", () => {
  it("applies each migration once", async () => {
    expect(await migrate()).toEqual([]);
    const rows = await db().$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM "_prisma_migrations"`;
    expect(Number(rows[0].n)).toBeGreaterThan(0);
  });

  it("creates the headless user, team and keys once, and a restart changes nothing", async () => {
    withEnv(INIT);
    const first = await applyHeadlessInit();
    expect(first.created).toEqual(["user ci@example.test", "team ci-team", "ingest key", "read key", "admin key"]);
    const snapshot = await db().apiKey.findMany({ orderBy: { scope: "asc" } });

    expect(await applyHeadlessInit()).toEqual({ email: "ci@example.test", teamSlug: "ci-team", created: [] });
    expect(await db().apiKey.findMany({ orderBy: { scope: "asc" } })).toEqual(snapshot);
    expect(await db().team.count({ where: { name: "CI Team" } })).toBe(1);

    const user = await db().user.findUniqueOrThrow({ where: { email: "ci@example.test" } });
    expect(await verifyPassword("ci-password-123", user.passwordHash!)).toBe(true);
    const res = await getPolicy(apiRequest("/api/v1/policy", INIT.SWITCHYARD_INIT_INGEST_KEY));
    expect(res.status).toBe(200);
    expect((await getPolicy(apiRequest("/api/v1/policy", INIT.SWITCHYARD_INIT_ADMIN_KEY))).status).toBe(200);
    expect((await getPolicy(apiRequest("/api/v1/policy", INIT.SWITCHYARD_INIT_READ_KEY))).status).toBe(403);
  });

  it("explains a half-configured start instead of guessing", async () => {
    withEnv({ SWITCHYARD_INIT_TEAM: "Lonely" });
    await expect(applyHeadlessInit()).rejects.toThrow(/SWITCHYARD_INIT_EMAIL/);
    withEnv({ SWITCHYARD_INIT_EMAIL: "x@example.test", SWITCHYARD_INIT_PASSWORD: "short" });
    await expect(applyHeadlessInit()).rejects.toThrow(/SWITCHYARD_INIT_PASSWORD: must be at least 10 characters/);
    delete process.env.SWITCHYARD_INIT_EMAIL;
    delete process.env.SWITCHYARD_INIT_PASSWORD;
    resetEnvForTests();
    expect(await db().user.count({ where: { email: "x@example.test" } })).toBe(0);
  });
});
