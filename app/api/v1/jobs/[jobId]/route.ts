// GET /api/v1/jobs/{jobId}: a job's state and progress (contracts §13).
import { z } from "zod";
import { apiRoute, otherMethods } from "@/lib/http/route";
import { notFound } from "@/lib/http/errors";
import { getJob } from "@/lib/jobs/queue";

export const dynamic = "force-dynamic";

const params = z.object({ jobId: z.uuid("must be a job id") });

export const GET = apiRoute({ scopes: ["read", "admin"], params }, async ({ teamId, params: { jobId } }) => {
  const job = await getJob(teamId, jobId);
  if (!job) throw notFound(`This team has no job ${jobId}.`);
  return { id: job.id, kind: job.kind, state: job.state, done: job.done, total: job.total, ...(job.error ? { error: job.error } : {}) };
});

export const { POST, PUT, PATCH, DELETE } = otherMethods(["GET"]);
