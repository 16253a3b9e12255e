// npm run bench:analytics: on the 10M-call dataset (dataset.ts), times GET /api/v1/analytics/task-types for
// 30 days, a task type's series over 30 days by hour (the query behind the Over time charts), the metadata
// breakdown, and the server
// render of Overview, Task types, a task type's page and a filtered Calls page for a signed-in member.
// Prints p50/p95 against the targets (150 ms for the API and the series, 300 ms for the pages).
import { checkedTeamId } from "@/lib/auth/team-id";
import { getQualitySeries } from "@/lib/analytics/queries/get-quality-series";
import { loadBreakdown } from "@/lib/analytics/breakdown";
import { READ_KEY, runOnDataset, signIn, time } from "./dataset";

runOnDataset(3901, async ({ base, slug, teamId }) => {
  const to = new Date();
  const from = new Date(to.getTime() - 30 * 86_400_000);
  await time("GET /api/v1/analytics/task-types, 30 days", 150, () =>
    fetch(`${base}/api/v1/analytics/task-types?from=${from.toISOString()}&to=${to.toISOString()}`, { headers: { authorization: `Bearer ${READ_KEY}` } }));
  await time("Series of one task type, 30 days by hour", 150, async () => {
    await getQualitySeries(checkedTeamId(teamId), from, to, "UTC", true, "summarize");
    return new Response("ok");
  });
  await time("Breakdown by a metadata key, 30 days (latest 20,000 calls)", 150, async () => {
    await loadBreakdown(checkedTeamId(teamId), { from, to }, "feature");
    return new Response("ok");
  });
  const cookie = await signIn(base);
  await time("Overview render, 30 days", 300, () => fetch(`${base}/${slug}?range=30d`, { headers: { cookie } }));
  await time("Task types render, 30 days", 300, () => fetch(`${base}/${slug}/tasks?range=30d`, { headers: { cookie } }));
  await time("A task type's page (with its series), 30 days", 300, () => fetch(`${base}/${slug}/tasks/summarize?range=30d`, { headers: { cookie } }));
  await time("Calls page (newest 50, filtered by task type)", 300, () => fetch(`${base}/${slug}/calls?range=30d&taskType=summarize&outcome=failure`, { headers: { cookie } }));
});
