// PATCH /api/v1/settings (contracts §13): content capture, the setting evaluators read, as on Settings →
// General; answers the team's settings. (`retentionDays` arrives with retention, issue 16.)
import { z } from "zod";
import { apiRoute, otherMethods } from "@/lib/http/route";
import { getTeamSettings } from "@/lib/teams/data";
import { setContentCapture } from "@/lib/teams/mutations";

export const dynamic = "force-dynamic";

const body = z.object({ captureContent: z.boolean() }).partial().strict();

export const PATCH = apiRoute({ scopes: ["admin"], body }, async ({ teamId, keyId, body }) => {
  if (body.captureContent !== undefined) await setContentCapture(teamId, null, body.captureContent, keyId);
  return getTeamSettings(teamId);
});

export const { GET, POST, PUT, DELETE } = otherMethods(["PATCH"]);
