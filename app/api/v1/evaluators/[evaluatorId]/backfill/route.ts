// POST /api/v1/evaluators/{id}/backfill: run the evaluator over a window's stored calls as a job → { jobId };
// with dryRun: true, what it would cost, without starting → { estimate }.
import { startBackfill } from "@/lib/evaluators/backfill";
import { estimateBackfill } from "@/lib/evaluators/estimate";
import { backfillBodySchema, evaluatorIdParams } from "@/lib/evaluators/schema";
import { apiRoute, otherMethods } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const POST = apiRoute({ scopes: ["admin"], params: evaluatorIdParams, body: backfillBodySchema }, async ({ teamId, params, body }) =>
  body.dryRun
    ? { estimate: await estimateBackfill(teamId, params.evaluatorId, body.from, body.to) }
    : { jobId: await startBackfill(teamId, params.evaluatorId, body.from, body.to) });

export const { GET, PUT, PATCH, DELETE } = otherMethods(["POST"]);
