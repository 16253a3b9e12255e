// The demo team: a user, a "Demo" team and 30 days of generated traffic, stored through the same ingest
// and outcome code as real events. Resumable: ids are deterministic and days already done are skipped.
import type { TeamId } from "@/lib/auth/team-id";
import { checkedTeamId } from "@/lib/auth/team-id";
import { findUserByEmail } from "@/lib/auth/data";
import { createUser } from "@/lib/auth/mutations";
import { seeded } from "@/lib/demo/distributions";
import { generateDay } from "@/lib/demo/generator";
import { getInstanceSetting } from "@/lib/instance/data";
import { getOrCreateInstanceSetting, setInstanceSetting } from "@/lib/instance/mutations";
import { ingestEvents } from "@/lib/ingest/mutations";
import { applyOutcomes } from "@/lib/outcomes/mutations";
import { findOwnedTeamByName } from "@/lib/teams/data";
import { setContentCapture } from "@/lib/teams/mutations";
import { seedDemoEvidence } from "@/lib/demo/evidence";
import { DEMO_VERSIONS, demoVersionAt } from "@/lib/demo/policies";
import { db } from "@/lib/db";
import { publishPolicy, rollbackPolicy } from "@/lib/policies/mutations";

export const DEMO_USER = { email: "demo@switchyard.local", password: "switchyard-demo" };
export const DEMO_TEAM = "Demo";
const DAY_MS = 86_400_000;
const CONTENT_DAYS = 7;

async function demoTeam(): Promise<{ teamId: TeamId; slug: string; userId: string }> {
  const existing = await findUserByEmail(DEMO_USER.email);
  const userId = existing?.id ?? (await createUser({ ...DEMO_USER, name: "Demo user", teamName: DEMO_TEAM })).user.id;
  const team = await findOwnedTeamByName(userId, DEMO_TEAM);
  if (!team) throw new Error(`The demo user exists but owns no "${DEMO_TEAM}" team; remove the user or set SWITCHYARD_DEMO=0.`);
  return { teamId: checkedTeamId(team.id), slug: team.slug, userId };
}

// The embedded database runs in this process and its promises settle without returning to the event
// loop, so seeding would hold off every HTTP request until it finished: let requests in between batches.
const yieldToRequests = () => new Promise((resolve) => setImmediate(resolve));

// Small batches: a page's queries wait behind at most one of them (~0.1 s), not behind a 1,000-event one.
const BATCH = 250;

async function store(teamId: TeamId, day: ReturnType<typeof generateDay>) {
  for (let i = 0; i < day.events.length; i += BATCH) {
    await ingestEvents(teamId, day.events.slice(i, i + BATCH));
    await yieldToRequests();
  }
  for (let i = 0; i < day.traceLabels.length; i += BATCH) {
    await applyOutcomes(teamId, day.traceLabels.slice(i, i + BATCH));
    await yieldToRequests();
  }
  return day.events.length;
}

/**
 * The versions the traffic was routed by, published through the same code as the editor's (gate, override,
 * rollback), then dated where they took effect. Once: a team that has published already keeps its own history.
 */
async function seedDemoPolicies(teamId: TeamId, userId: string, span: { start: number; end: number }) {
  if (await getInstanceSetting("demo_policies_done")) return;
  if ((await db().policyVersion.count({ where: { teamId } })) === 0) {
    for (const v of DEMO_VERSIONS) {
      const version = "rollbackTo" in v ? await rollbackPolicy(teamId, { userId }, v.rollbackTo, v.message)
        : await publishPolicy(teamId, { userId }, v.policy, v.message);
      const at = new Date(span.start + v.at * (span.end - span.start));
      await db().policyVersion.update({ where: { teamId_version: { teamId, version: Number(version) } }, data: { publishedAt: at } });
    }
  }
  await setInstanceSetting("demo_policies_done", "1");
}

/** Seeds (or finishes seeding) the demo team; `log` receives progress lines. Returns the team's slug. */
export async function seedDemo(log: (line: string) => void = () => undefined, days = 30) {
  const { teamId, slug, userId } = await demoTeam();
  // For the banner on the demo team's pages (lib/demo/progress.ts).
  await setInstanceSetting("demo_team", teamId);
  await setInstanceSetting("demo_days", String(days));
  // The 30 days end with the day seeding first began (up to that moment), so a resumed run makes the same traffic.
  const anchor = Number(await getOrCreateInstanceSetting("demo_anchor", () => String((Math.floor(Date.now() / DAY_MS) + 1) * DAY_MS)));
  const done = Number((await getInstanceSetting("demo_days_done")) ?? 0);
  const span = { start: anchor - days * DAY_MS, end: anchor };
  if (done >= days) {
    await seedDemoPolicies(teamId, userId, span);
    await seedDemoEvidence(teamId, userId, anchor, log);
    return { slug, calls: 0 };
  }
  // The last week's calls carry their content, for the evaluators and the review queue.
  if (done === 0) await setContentCapture(teamId, userId, true);
  const started = Date.now();
  let calls = 0;
  for (let d = done; d < days; d++) {
    const dayStart = new Date(anchor - (days - d) * DAY_MS);
    const routingAt = (ts: number) => demoVersionAt(ts, span.start, span.end);
    const day = generateDay(seeded(7919 * (d + 1)), dayStart, d, d >= days - CONTENT_DAYS, routingAt);
    const now = Date.now();
    calls += await store(teamId, { events: day.events.filter((e) => e.timestamp <= now), traceLabels: day.traceLabels });
    await setInstanceSetting("demo_days_done", String(d + 1));
    if ((d + 1) % 5 === 0) log(`demo traffic: ${d + 1}/${days} days, ${calls.toLocaleString("en-US")} calls in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
  await seedDemoPolicies(teamId, userId, span);
  await seedDemoEvidence(teamId, userId, anchor, log);
  return { slug, calls };
}
