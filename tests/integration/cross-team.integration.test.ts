// Two teams side by side: nothing one team's people or keys can reach belongs to the other.
import { beforeAll, describe, expect, it } from "vitest";
import { GET as getPolicy } from "@/app/api/v1/policy/route";
import { db } from "@/lib/db";
import { listApiKeys } from "@/lib/api-keys/data";
import { revokeApiKey } from "@/lib/api-keys/mutations";
import { findMembershipBySlug, listMembers, listOpenInvites } from "@/lib/teams/data";
import { createInvite, removeMember, revokeInvite, updateMemberRole } from "@/lib/teams/mutations";
import { apiRequest, makeKey, makeOwner } from "@/tests/factories";

let a: Awaited<ReturnType<typeof makeOwner>>;
let b: Awaited<ReturnType<typeof makeOwner>>;
let keyA: Awaited<ReturnType<typeof makeKey>>;
let keyB: Awaited<ReturnType<typeof makeKey>>;
let inviteOfB: string;

beforeAll(async () => {
  a = await makeOwner("Alpha");
  b = await makeOwner("Beta");
  keyA = await makeKey(a.team.id, "ingest");
  keyB = await makeKey(b.team.id, "ingest");
  await createInvite(b.team.id, b.user.id, "member");
  inviteOfB = (await db().invite.findFirstOrThrow({ where: { teamId: b.team.id } })).id;
  await db().policyVersion.create({
    data: { teamId: b.team.id, version: 1, policy: { defaultModel: "gpt-5.4-nano" }, message: "beta only" },
  });
});

describe("team isolation", () => {
  it("serves each key its own team's policy", async () => {
    const resA = await (await getPolicy(apiRequest("/api/v1/policy", keyA.secret))).json();
    const resB = await (await getPolicy(apiRequest("/api/v1/policy", keyB.secret))).json();
    expect(resA).toMatchObject({ version: 0, policy: { defaultModel: "gpt-5.4-mini" } });
    expect(resB).toMatchObject({ version: 1, policy: { defaultModel: "gpt-5.4-nano" } });
  });

  it("lists only the team's own keys, members and invites", async () => {
    expect((await listApiKeys(a.team.id)).map((k) => k.id)).toEqual([keyA.id]);
    expect((await listMembers(a.team.id)).map((m) => m.id)).toEqual([a.user.id]);
    expect(await listOpenInvites(a.team.id)).toEqual([]);
  });

  it("gives a non-member no way in through the session gate", async () => {
    expect(await findMembershipBySlug(a.user.id, b.team.slug)).toBeNull();
    expect(await findMembershipBySlug(a.user.id, a.team.slug)).not.toBeNull();
  });

  it("refuses changes to another team's keys, members and invites as not found, changing nothing", async () => {
    const ownerA = { id: a.user.id, role: "owner" as const };
    await expect(revokeApiKey(a.team.id, a.user.id, keyB.id)).rejects.toMatchObject({ status: 404 });
    await expect(updateMemberRole(a.team.id, ownerA, b.user.id, "viewer")).rejects.toMatchObject({ status: 404 });
    await expect(removeMember(a.team.id, ownerA, b.user.id)).rejects.toMatchObject({ status: 404 });
    await expect(revokeInvite(a.team.id, a.user.id, inviteOfB)).rejects.toMatchObject({ status: 404 });

    expect((await listApiKeys(b.team.id))[0].revokedAt).toBeNull();
    expect((await listMembers(b.team.id))[0]).toMatchObject({ id: b.user.id, role: "owner" });
    expect(await listOpenInvites(b.team.id)).toHaveLength(1);
    expect((await getPolicy(apiRequest("/api/v1/policy", keyB.secret))).status).toBe(200);
  });
});
