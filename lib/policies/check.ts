// A published version checked against what it then did: its stored projection beside its realized
// figures, per task type, once it has served CHECK_MIN_TASKS tasks. GET /api/v1/policy/versions/{version}
// and the Policies page both read this.
import type { TeamId } from "@/lib/auth/team-id";
import { notFound } from "@/lib/http/errors";
import { getPolicyVersion } from "@/lib/policies/data";
import { CHECK_MIN_TASK_TYPE, CHECK_MIN_TASKS, compareVersion, realizedFigures } from "@/lib/policies/projection";
import { getRealized, REALIZED_SAMPLE } from "@/lib/policies/realized";

const SLACK_MS = 10 * 60_000;

export async function checkVersion(teamId: TeamId, version: number, now = new Date()) {
  const v = await getPolicyVersion(teamId, version);
  if (!v) throw notFound(`This team has no policy version ${version}.`);
  const to = v.replacedAt ?? now;
  // The version stamp decides; the time bounds only narrow the read. SDKs pick up a new version within a
  // poll, and their clocks differ from ours, so calls a few minutes either side still count.
  const realized = await getRealized(teamId, version, new Date(v.publishedAt.getTime() - SLACK_MS), new Date(to.getTime() + SLACK_MS));
  const tasks = realized.total?.tasks ?? 0;
  const ready = tasks >= CHECK_MIN_TASKS;
  return {
    ...v,
    inForce: v.replacedAt === null,
    realized: {
      from: v.publishedAt, to, tasks, calls: realized.calls, ready, minTasks: CHECK_MIN_TASKS, minTasksPerTaskType: CHECK_MIN_TASK_TYPE,
      sampled: realized.sampled, sample: REALIZED_SAMPLE,
      total: ready && realized.total ? realizedFigures(realized.total) : null,
    },
    comparison: ready ? compareVersion(v.projection, realized.byTaskType) : [],
  };
}

export type VersionCheck = Awaited<ReturnType<typeof checkVersion>>;
