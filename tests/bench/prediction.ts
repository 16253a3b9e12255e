// npm run bench:prediction: the simulator's projection against what then happens, on a known world
// (tests/support/known-world.ts). Phase 1 runs every call on mini with nano shadowed; the simulator
// projects a policy that routes on task type and context size from it; phase 2 runs that policy through
// the real SDK on a fresh team (at the same time as phase 1, so both see the same machine: see
// tests/support/world-driver.ts). Prints each figure's error against the issue's target. Embedded
// database, in memory.
import { policySchema } from "@switchyard/sdk";
import { ceilHour, floorHour } from "@/lib/analytics/time-zone";
import { closeDb } from "@/lib/db";
import { resetEnvForTests } from "@/lib/env";
import { migrate } from "@/lib/migrate";
import { simulate } from "@/lib/simulate";
import { DEFAULT_ASSUMPTIONS } from "@/lib/simulate/schema";
import { traffic, type TaskType } from "@/tests/support/known-world";
import { CANDIDATE, compare, formatFigures, getRealized, phaseOnePolicy, successNoise } from "@/tests/support/prediction";
import { createTeam, runPhases, startRig } from "@/tests/support/world-driver";

const TASKS = Number(process.env.BENCH_TASKS ?? 20_000);
const SHADOW_RATE = Number(process.env.BENCH_SHADOW_RATE ?? 0.5);
// About half of what one core drives through the openai client, the SDK and the fake server (~500/s measured):
// above that, queueing in the event loop starts to show in the latency the SDK measures.
const CALLS_PER_SECOND = Number(process.env.BENCH_CALLS_PER_SECOND ?? 250);
const MIX: Record<TaskType, number> = { classify: 0.35, extract: 0.25, summarize: 0.25, tool_agent: 0.15 };

const log = (s: string) => console.log(s);
const seconds = (t: number) => `${((performance.now() - t) / 1000).toFixed(0)} s`;

async function main() {
  const t = performance.now();
  delete process.env.DATABASE_URL;
  process.env.SWITCHYARD_DATA_DIR = "memory://bench-prediction";
  resetEnvForTests();
  await migrate();
  const rig = await startRig();
  try {
    log(`prediction bench: ${TASKS.toLocaleString("en-US")} tasks a phase (${Object.entries(MIX).map(([k, v]) => `${k} ${v * 100}%`).join(", ")}), nano shadowed on ${SHADOW_RATE * 100}% of phase 1, ${CALLS_PER_SECOND} calls/s`);
    const one = traffic(1, TASKS, MIX);
    const two = traffic(2, TASKS, MIX);
    const a = await createTeam(rig, phaseOnePolicy(SHADOW_RATE));
    const b = await createTeam(rig, CANDIDATE);
    let t1 = performance.now();
    const run = await runPhases(rig, [{ team: a, jobs: one, shadowRate: SHADOW_RATE }, { team: b, jobs: two, shadowRate: 0 }], { callsPerSecond: CALLS_PER_SECOND, waveCalls: 6000 });
    log(`phase 1 (all on mini, nano shadowed) and phase 2 (the candidate, through the SDK): ${run.calls.map((n) => n.toLocaleString("en-US")).join(" + ")} calls in ${seconds(t1)}`);

    t1 = performance.now();
    const policy = policySchema.parse(CANDIDATE);
    const result = await simulate(a.teamId, { from: floorHour(run.from), to: ceilHour(run.to), policy, assumptions: DEFAULT_ASSUMPTIONS });
    log(`projection from phase 1 in ${seconds(t1)}: cost $${result.baseline.costUsd} -> $${result.projected.costUsd} on ${result.projected.tasks.toLocaleString("en-US")} tasks, success ${(result.baseline.successRate! * 100).toFixed(2)}% -> ${(result.projected.successRate! * 100).toFixed(2)}%`);

    const figures = compare(result, await getRealized(b.seq), successNoise(policy, one, two, SHADOW_RATE));
    formatFigures(figures).forEach((line) => log(line));
    log(`${figures.filter((f) => f.error <= f.target).length} of ${figures.length} targets met; total ${seconds(t)}`);
  } finally {
    await rig.close();
    await closeDb();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
