// The policy gate: below the team's success floor a publish is refused (UI and API alike) until it
// carries a written override, which the audit log keeps with what it overrode.
import { describe, expect, it } from "vitest";
import { PUT } from "@/app/api/v1/policy/route";
import { checkedTeamId } from "@/lib/auth/team-id";
import { db } from "@/lib/db";
import { ingestEvents } from "@/lib/ingest/mutations";
import { setPolicySettings } from "@/lib/policies/drafts";
import { publishPolicy } from "@/lib/policies/mutations";
import { apiRequest, makeEvent, makeKey, makeOwner } from "@/tests/factories";

const nano = { defaultModel: "gpt-5.4-nano" };

async function teamWithEvidence() {
  const { team, user } = await makeOwner();
  const teamId = checkedTeamId(team.id);
  const now = Date.now();
  await ingestEvents(teamId, ["gpt-5.4-mini", "gpt-5.4-nano"].flatMap((model, m) => Array.from({ length: 40 }, (_, i) => makeEvent({
    id: `${model}-${i}`, model, timestamp: now - (i + 1) * 60_000, outcome: i < (m === 0 ? 38 : 32) ? "success" : "failure",
  }))));
  return { team, teamId, user };
}

describe("policy gate", () => {
  it("publishes freely without a floor, and refuses a projection below it until overridden", async () => {
    const { team, teamId, user } = await teamWithEvidence();
    expect(await publishPolicy(teamId, { userId: user.id }, nano, "no gate yet")).toBe(1);

    await setPolicySettings(teamId, user.id, { successFloor: 0.9, suggestTolerance: 0.02 });
    // nano: 32 of 40 = 80% on classify, below 90%, with enough labels.
    await expect(publishPolicy(teamId, { userId: user.id }, nano, "again")).rejects.toMatchObject({ status: 409, code: "policy_gate", message: expect.stringContaining("classify 80.0%") });
    // Mini (95%) clears the floor without an override.
    expect(await publishPolicy(teamId, { userId: user.id }, { defaultModel: "gpt-5.4-mini" }, "safe")).toBe(2);

    expect(await publishPolicy(teamId, { userId: user.id }, nano, "cheaper", "Reviewed: the failures are harmless retries.")).toBe(3);
    const audit = await db().auditEntry.findFirstOrThrow({ where: { teamId: team.id, action: "policy.publish" }, orderBy: { createdAt: "desc" } });
    expect(audit.detail).toMatchObject({ version: 3, gateOverride: "Reviewed: the failures are harmless retries.", violations: [{ taskType: "classify", floor: 0.9 }] });
  });

  it("applies to PUT /api/v1/policy, where the override travels in the body", async () => {
    const { team, teamId, user } = await teamWithEvidence();
    await setPolicySettings(teamId, user.id, { successFloor: 0.9, suggestTolerance: 0.02 });
    const admin = await makeKey(team.id, "admin");
    const put = async (body: unknown) => {
      const res = await PUT(apiRequest("/api/v1/policy", admin.secret, { method: "PUT", body: JSON.stringify(body) }));
      return { status: res.status, json: await res.json() };
    };
    const refused = await put({ policy: nano, message: "ci" });
    expect([refused.status, refused.json.error.code]).toEqual([409, "policy_gate"]);
    expect(refused.json.error.issues).toEqual([{ path: "byTaskType.classify", message: "projected 80.0% < floor 90.0%" }]);
    expect(await put({ policy: nano, message: "ci", override: "accepted by the on-call lead" })).toEqual({ status: 200, json: { version: 1 } });
  });
});
