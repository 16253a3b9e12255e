// PATCH /api/v1/settings (contracts §13): content capture, the setting evaluators read, and retention
// (`retentionDays`; `contentRetentionDays`, content kept shorter, null for as long as calls), as on
// Settings → General; answers the team's settings.
import { apiRoute, otherMethods } from "@/lib/http/route";
import { retentionSchema } from "@/lib/retention/schema";
import { getTeamSettings } from "@/lib/teams/data";
import { setContentCapture, setRetention } from "@/lib/teams/mutations";
import { z } from "zod";

export const dynamic = "force-dynamic";

const body = z.object({ captureContent: z.boolean() }).partial().extend(retentionSchema.shape).strict();

export const PATCH = apiRoute({ scopes: ["admin"], body }, async ({ teamId, keyId, body }) => {
  const { captureContent, ...retention } = body;
  if (Object.keys(retention).length) await setRetention(teamId, null, retention, keyId);
  if (captureContent !== undefined) await setContentCapture(teamId, null, captureContent, keyId);
  return getTeamSettings(teamId);
});

export const { GET, POST, PUT, DELETE } = otherMethods(["PATCH"]);
