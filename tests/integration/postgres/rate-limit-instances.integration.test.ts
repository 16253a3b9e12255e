// PostgreSQL only: two server processes on one database draw a key's ingest requests from one bucket, so
// the key gets its limit once however many instances serve it (lib/ingest/rate-limit.ts).
import { spawn, type ChildProcess } from "node:child_process";
import { afterAll, beforeAll, expect, it } from "vitest";
import { db } from "@/lib/db";
import { makeEvent, makeKey, makeOwner } from "@/tests/factories";

const PORTS = [39_881, 39_882];
const instances: ChildProcess[] = [];

function startInstance(port: number) {
  // 60 requests a minute: one a second, a burst of ten.
  const child = spawn(process.execPath, ["--import", "tsx", "tests/support/api-server-main.ts"], {
    env: { ...process.env, PORT: String(port), SWITCHYARD_INGEST_RATE_LIMIT: "60" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  instances.push(child);
  return new Promise<void>((resolve, reject) => {
    child.stdout!.on("data", (d: Buffer) => d.toString().includes("listening") && resolve());
    child.on("exit", (code) => reject(new Error(`instance on ${port} exited with ${code}`)));
  });
}

beforeAll(() => Promise.all(PORTS.map(startInstance)), 60_000);
afterAll(() => instances.forEach((c) => c.kill("SIGKILL")));

it("lets a key's burst through once across two instances, not once per instance", async () => {
  const { team } = await makeOwner();
  const key = await makeKey(team.id, "ingest");
  const started = Date.now();
  // Thirty requests at once, alternating between the instances: each alone would let ten through.
  const answers = await Promise.all(Array.from({ length: 30 }, async (_, i) => {
    const res = await fetch(`http://127.0.0.1:${PORTS[i % 2]}/api/v1/ingest`, {
      method: "POST",
      headers: { authorization: `Bearer ${key.secret}`, "content-type": "application/json" },
      body: JSON.stringify({ events: [makeEvent({ id: `shared-${i}` })] }),
    });
    return { port: PORTS[i % 2], status: res.status, retryAfter: res.headers.get("retry-after"), code: res.ok ? null : (await res.json()).error.code };
  }));
  const seconds = (Date.now() - started) / 1000;
  const passed = answers.filter((a) => a.status === 200);
  const limited = answers.filter((a) => a.status === 429);
  expect(passed.length + limited.length).toBe(30);
  // The burst, plus at most one request per second the bucket refilled while they ran.
  expect(passed.length).toBeGreaterThanOrEqual(10);
  expect(passed.length).toBeLessThanOrEqual(10 + Math.ceil(seconds));
  expect(new Set(limited.map((a) => a.port)).size).toBe(2);
  for (const a of limited) expect([a.code, Number(a.retryAfter) >= 1]).toEqual(["rate_limited", true]);
  // Only what was let through is stored.
  const { seq } = await db().team.findUniqueOrThrow({ where: { id: team.id } });
  expect(await db().call.count({ where: { teamSeq: seq } })).toBe(passed.length);
}, 60_000);
