// The ingest load both ingest benchmarks drive: CLIENTS concurrent clients posting 1000-event batches.
import { seeded } from "@/lib/demo/distributions";
import { generateDay } from "@/lib/demo/generator";

/**
 * One batch body with "__B__" where the batch number goes, so each request has fresh ids cheaply. An SDK
 * flushes every few seconds, so a batch spans about a minute of the demo's mix of task types and models.
 */
export function batchTemplate() {
  const minute = Date.now() - 60_000;
  const events = generateDay(seeded(42), new Date(Date.now() - 86_400_000), 0).events.slice(0, 1000);
  return JSON.stringify({ events: events.map((e, i) => ({ ...e, id: `b__B__-${i}`, timestamp: minute + i * 60 })) });
}

let batch = 0;

/**
 * Posts batches from `clients` clients until `until()` says stop; returns events/s and request latency.
 * `idPrefix` keeps ids of a run apart from earlier runs' on a reused database (it lengthens every id).
 */
export async function drive(opts: { url: string; key: string; template: string; clients: number; until: () => boolean; idPrefix?: string }) {
  const latencies: number[] = [];
  let events = 0;
  const client = async () => {
    while (!opts.until()) {
      const body = opts.template.replaceAll("__B__", `${opts.idPrefix ?? ""}${batch++}`);
      const t = performance.now();
      const res = await fetch(`${opts.url}/api/v1/ingest`, {
        method: "POST", body, headers: { authorization: `Bearer ${opts.key}`, "content-type": "application/json" },
      });
      const json = (await res.json()) as { accepted?: number };
      if (!res.ok) throw new Error(`ingest answered ${res.status}: ${JSON.stringify(json)}`);
      latencies.push(performance.now() - t);
      events += json.accepted ?? 0;
    }
  };
  const started = Date.now();
  await Promise.all(Array.from({ length: opts.clients }, client));
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
  const seconds = (Date.now() - started) / 1000;
  return { events, seconds, rate: events / seconds, p50: at(0.5), p99: at(0.99), requests: latencies.length };
}
