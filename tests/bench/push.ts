// npm run bench:push: two built server instances on one PostgreSQL, 50 SDK clients on their policy
// streams (25 each); publish through one instance and time until each client holds the new version.
import { Switchyard } from "@switchyard/sdk";
import { databaseUrl, sql as admin, startServer, stopServer } from "./server";

const CLIENTS = 50;
const PUBLISHES = Number(process.env.BENCH_PUBLISHES ?? 20);
const PORTS = [3921, 3922];
const INGEST = "bench-push-ingest-key-000000001";
const ADMIN = "bench-push-admin-key-0000000001";
const DB = `switchyard_push_${Date.now()}`;

const dbUrl = databaseUrl(DB);

async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs: number) {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 2));
  }
}

async function main() {
  await admin(`CREATE DATABASE "${DB}"`);
  const env = {
    DATABASE_URL: dbUrl, SWITCHYARD_INIT_EMAIL: "push@example.test", SWITCHYARD_INIT_PASSWORD: "push-password-1",
    SWITCHYARD_INIT_TEAM: "Push", SWITCHYARD_INIT_INGEST_KEY: INGEST, SWITCHYARD_INIT_ADMIN_KEY: ADMIN,
  };
  const servers = [];
  for (const port of PORTS) servers.push(await startServer(port, env)); // one at a time: the first may build
  const clients: Switchyard[] = [];
  try {
    for (let i = 0; i < CLIENTS; i++) {
      clients.push(new Switchyard({ apiKey: INGEST, baseUrl: `http://127.0.0.1:${PORTS[i % 2]}`, pollIntervalMs: 60_000, onWarning: () => undefined }));
    }
    await waitFor(() => clients.every((c) => c.policyVersion === 0), 30_000);
    const delays: number[] = [];
    for (let v = 1; v <= PUBLISHES; v++) {
      const t0 = performance.now();
      const res = await fetch(`http://127.0.0.1:${PORTS[v % 2]}/api/v1/policy`, {
        method: "PUT", headers: { authorization: `Bearer ${ADMIN}` },
        body: JSON.stringify({ policy: { defaultModel: v % 2 ? "gpt-5.4-nano" : "gpt-5.4-mini" }, message: `bench ${v}` }),
      });
      if ((await res.json()).version !== v) throw new Error("unexpected version");
      const seen = new Set<number>();
      await waitFor(() => {
        clients.forEach((c, i) => {
          if (!seen.has(i) && c.policyVersion === v) {
            seen.add(i);
            delays.push(performance.now() - t0);
          }
        });
        return seen.size === CLIENTS;
      }, 10_000);
    }
    delays.sort((a, b) => a - b);
    const at = (q: number) => delays[Math.min(delays.length - 1, Math.floor(q * delays.length))];
    console.log(`push bench: ${CLIENTS} clients on 2 instances, ${PUBLISHES} publishes (${delays.length} deliveries)`);
    console.log(`publish → client holds new version: p50 ${at(0.5).toFixed(1)} ms, p99 ${at(0.99).toFixed(1)} ms, max ${delays.at(-1)!.toFixed(1)} ms (target p99 <= 1000 ms) ${at(0.99) <= 1000 ? "(met)" : "(NOT met)"}`);
  } finally {
    await Promise.all(clients.map((c) => c.close()));
    servers.forEach(stopServer);
    await new Promise((r) => setTimeout(r, 1000));
    await admin(`DROP DATABASE IF EXISTS "${DB}" WITH (FORCE)`);
  }
}

main().then(() => process.exit(0), (err) => {
  console.error(err);
  process.exit(1);
});
