// npm run bench:export: streams every call of the dataset (BENCH_CALLS, 1M by default here) as CSV and as
// NDJSON, twice over: through GET /api/v1/calls on the server (throughput, and the server's resident
// memory sampled every 50 ms), and through the same exportCalls stream in this process with a full GC at
// every tenth of the rows, where retained heap is measured exactly. Constant memory: the heap retained at
// the end is within 8 MB of a tenth of the way in (a leak per row would grow ninefold in between).
import fs from "node:fs";
import { exportCalls, type ExportFormat } from "@/lib/analytics/calls-api";
import { checkedTeamId } from "@/lib/auth/team-id";
import { READ_KEY, log, runOnDataset } from "./dataset";

const gc = (globalThis as { gc?: () => void }).gc;
const rssMb = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"))![1]) / 1024;
const mb = (n: number) => `${n.toFixed(0)} MB`;
const to = new Date(Date.now() + 3_600_000);
const from = new Date(to.getTime() - 40 * 86_400_000);

async function countLines(stream: ReadableStream<Uint8Array>, onProgress: (bytes: number, lines: number) => void | Promise<void>) {
  const reader = stream.getReader();
  let bytes = 0, lines = 0;
  for (let r = await reader.read(); !r.done; r = await reader.read()) {
    bytes += r.value.length;
    for (const b of r.value) if (b === 10) lines++;
    await onProgress(bytes, lines);
  }
  return { bytes, lines };
}

async function overHttp(base: string, pid: number, accept: string) {
  const samples: number[] = [];
  const before = rssMb(pid);
  const timer = setInterval(() => samples.push(rssMb(pid)), 50);
  const t = performance.now();
  const res = await fetch(`${base}/api/v1/calls?from=${from.toISOString()}&to=${to.toISOString()}`, { headers: { authorization: `Bearer ${READ_KEY}`, accept } });
  if (!res.ok) throw new Error(`export: HTTP ${res.status}`);
  const { bytes, lines } = await countLines(res.body!, () => undefined);
  const seconds = (performance.now() - t) / 1000;
  clearInterval(timer);
  const rows = accept === "text/csv" ? lines - 1 : lines;
  const half = samples.slice(0, Math.ceil(samples.length / 2));
  log(`HTTP ${accept}: ${rows.toLocaleString("en-US")} rows, ${(bytes / 1e6).toFixed(0)} MB in ${seconds.toFixed(1)} s (${Math.round(rows / seconds).toLocaleString("en-US")} rows/s); ` +
    `server RSS ${mb(before)} before, ${mb(Math.max(...half))} peak in the first half, ${mb(Math.max(...samples))} peak overall`);
  return rows;
}

async function inProcess(teamId: string, format: ExportFormat, rows: number) {
  if (!gc) throw new Error("run with node --expose-gc (npm run bench:export does)");
  const heap = () => { gc(); return process.memoryUsage().heapUsed / 2 ** 20; };
  const start = heap();
  const marks: number[] = [];
  await countLines(exportCalls(checkedTeamId(teamId), { from, to, after: null, taskType: undefined, model: undefined, traceId: undefined, meta: undefined, q: undefined }, format), (_bytes, lines) => {
    if (lines >= (rows / 10) * (marks.length + 1)) marks.push(heap());
  });
  const [tenth] = marks, end = heap();
  const met = end - tenth <= 8;
  log(`in process ${format}: heap after GC ${mb(start)} at the start, ${marks.map(mb).join(", ")} at each tenth, ${mb(end)} at the end ` +
    `(target: end <= a tenth in + 8 MB: ${met ? "met" : "NOT met"})`);
}

runOnDataset(3907, async ({ base, pid, teamId }) => {
  const rows = await overHttp(base, pid, "text/csv");
  await overHttp(base, pid, "application/x-ndjson");
  await inProcess(teamId, "csv", rows);
  await inProcess(teamId, "ndjson", rows);
});
