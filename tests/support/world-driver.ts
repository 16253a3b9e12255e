// Runs the known world's traffic (tests/support/known-world.ts) through the real openai client and the real
// SDK, against the fake OpenAI server and Switchyard's own API handlers on this process's database.
// Phases run at once, each with its own SDK client and team: the machine's load (other processes, this
// event loop) adds to every latency the SDK measures, and run together both phases see the same load,
// where run one after the other a busy minute in one would count as projection error. Calls are paced at
// a fixed rate and run in waves; the SDK's deliveries are held while a wave runs and sent between waves,
// because storing a batch (PGlite runs on this thread) would delay the calls in flight.
import OpenAI from "openai";
import { Switchyard, type PolicyInput } from "@switchyard/sdk";
import type { TeamId } from "@/lib/auth/team-id";
import { db } from "@/lib/db";
import { startFakeOpenAI, type FakeOpenAI } from "@/packages/fake-openai/src/server";
import { startApiServer, type ApiServer } from "@/tests/support/api-server";
import { makeKey, makeOwner } from "@/tests/factories";
import { answer, messagesFor, TOOLS, validate, type Job } from "@/tests/support/known-world";

export type Rig = { fake: FakeOpenAI; api: ApiServer; close(): Promise<void> };

export async function startRig(): Promise<Rig> {
  const fake = await startFakeOpenAI({ behave: (body) => answer(body) });
  const api = await startApiServer();
  return { fake, api, close: async () => void (await Promise.all([fake.close(), api.close()])) };
}

export type Team = { teamId: TeamId; seq: number; ingestKey: string };

/** A fresh team running `policy`: each phase gets its own, so their traffic never shares a window. */
export async function createTeam(rig: Rig, policy: PolicyInput): Promise<Team> {
  const { team } = await makeOwner("Known world");
  const [ingest, admin] = await Promise.all([makeKey(team.id, "ingest"), makeKey(team.id, "admin")]);
  const res = await fetch(`${rig.api.url}/api/v1/policy`, {
    method: "PUT", headers: { authorization: `Bearer ${admin.secret}` }, body: JSON.stringify({ policy, message: "known world" }),
  });
  if (!res.ok) throw new Error(`publishing the policy failed: HTTP ${res.status} ${await res.text()}`);
  const { seq } = await db().team.findUniqueOrThrow({ where: { id: team.id } });
  return { teamId: team.id, seq, ingestKey: ingest.secret };
}

export type Pace = { callsPerSecond: number; waveCalls: number };
/** `shadowRate`: the policy's shadow sample rate, so that a call and its expected shadows are paced as one. */
export type Phase = { team: Team; jobs: Job[]; shadowRate: number };
type Scheduled = { openai: OpenAI; job: Job; calls: number };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Resolves once `check` has held for 100 ms in a row (a shadow call starts just after its task's answer). */
async function settled(check: () => boolean, timeoutMs = 30_000) {
  const end = Date.now() + timeoutMs;
  for (let held = 0; held < 5; held = check() ? held + 1 : 0) {
    if (Date.now() > end) throw new Error("calls still in flight after 30 s");
    await sleep(20);
  }
}

/** A fetch for the SDK that holds requests to the ingest endpoint while closed. */
function holdingFetch() {
  let release = () => {};
  let gate = Promise.resolve();
  return {
    fetch: (async (url, init) => {
      if (String(url).endsWith("/api/v1/ingest")) await gate;
      return fetch(url, init);
    }) as typeof fetch,
    hold: () => void (gate = new Promise((r) => (release = r))),
    release: () => release(),
  };
}

async function runJob(openai: OpenAI, job: Job) {
  for (const task of job) {
    const tools = task.taskType === "tool_agent" ? { tools: TOOLS } : {};
    const switchyard = { taskType: task.taskType, validate, ...(task.traceId ? { traceId: task.traceId, stepIndex: task.step } : {}) };
    await openai.chat.completions.create({ model: "auto", messages: messagesFor(task), ...tools }, { switchyard } as never);
  }
}

async function runWave(wave: Scheduled[], pace: Pace) {
  const start = performance.now();
  const failures: unknown[] = [];
  const running: Promise<void>[] = [];
  let due = 0; // calls started so far, in expectation
  for (const { openai, job, calls } of wave) {
    const wait = start + (due / pace.callsPerSecond) * 1000 - performance.now();
    if (wait > 0) await sleep(wait);
    due += calls;
    running.push(runJob(openai, job).catch((err) => void failures.push(err)));
  }
  await Promise.all(running);
  if (failures.length) throw new Error(`${failures.length} calls failed, the first: ${(failures[0] as Error).message}`);
}

/** The phases' jobs merged in proportion (each phase's i-th of n jobs at i/n), cut into waves of about `waveCalls` calls. */
function waves(scheduled: (Scheduled & { at: number })[], pace: Pace): Scheduled[][] {
  const out: Scheduled[][] = [[]];
  let calls = 0;
  for (const s of scheduled.sort((x, y) => x.at - y.at)) {
    if (calls >= pace.waveCalls) out.push([]), (calls = 0);
    out.at(-1)!.push(s);
    calls += s.calls;
  }
  return out;
}

/** Runs each phase's jobs on its team's published policy ("auto") and delivers every event. */
export async function runPhases(rig: Rig, phases: Phase[], pace: Pace) {
  const warnings: string[] = [];
  const clients = phases.map((phase) => {
    const held = holdingFetch();
    const sy = new Switchyard({
      apiKey: phase.team.ingestKey, baseUrl: rig.api.url, batchSize: 1000, maxBuffer: 10_000_000, pollIntervalMs: 200, fetch: held.fetch, onWarning: (m) => warnings.push(m),
    });
    return { held, sy, openai: sy.wrap(new OpenAI({ apiKey: "sk-known-world", baseURL: rig.fake.url, maxRetries: 0 })) };
  });
  const logged = () => clients.reduce((n, { sy }) => { const s = sy.stats(); return n + s.queued + s.delivered + s.rejected + s.dropped; }, 0);
  const scheduled = phases.flatMap((phase, i) => phase.jobs.map((job, j) => ({ openai: clients[i].openai, job, calls: job.length * (1 + phase.shadowRate), at: j / phase.jobs.length })));
  const from = new Date();
  try {
    await settled(() => clients.every(({ sy }) => sy.policyVersion !== undefined));
    for (const wave of waves(scheduled, pace)) {
      rig.fake.requests.length = 0; // the server keeps every request body; a wave's are enough
      const before = logged();
      clients.forEach(({ held }) => held.hold());
      await runWave(wave, pace);
      await settled(() => logged() - before === rig.fake.requests.length);
      clients.forEach(({ held }) => held.release());
      await Promise.all(clients.map(({ sy }) => sy.flush()));
    }
  } finally {
    clients.forEach(({ held }) => held.release());
    await Promise.all(clients.map(({ sy }) => sy.close()));
  }
  const stats = clients.map(({ sy }) => sy.stats());
  if (stats.some((s) => s.queued || s.dropped || s.rejected) || warnings.length) throw new Error(`events were not all delivered: ${JSON.stringify(stats)} ${warnings.join("; ")}`);
  return { from, to: new Date(), calls: stats.map((s) => s.delivered) };
}
