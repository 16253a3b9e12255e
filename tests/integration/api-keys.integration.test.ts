import { describe, expect, it } from "vitest";
import { GET as getPolicy } from "@/app/api/v1/policy/route";
import { GET as streamRoute } from "@/app/api/v1/policy/stream/route";
import { db } from "@/lib/db";
import { listApiKeys } from "@/lib/api-keys/data";
import { createApiKey, revokeApiKey } from "@/lib/api-keys/mutations";
import { checkedTeamId } from "@/lib/auth/team-id";
import { setContentCapture } from "@/lib/teams/mutations";
import { apiRequest, makeKey, makeOwner } from "@/tests/factories";

describe("GET /api/v1/policy with API keys", () => {
  it("answers version 0 with the default policy and an ETag, then 304 for that ETag", async () => {
    const { team } = await makeOwner();
    const key = await makeKey(team.id, "ingest");
    const res = await getPolicy(apiRequest("/api/v1/policy", key.secret));
    expect(res.status).toBe(200);
    expect(res.headers.get("etag")).toBe('"0"');
    expect(await res.json()).toEqual({ version: 0, publishedAt: null, policy: { defaultModel: "gpt-5.4-mini" } });

    const again = await getPolicy(apiRequest("/api/v1/policy", key.secret, { headers: { "if-none-match": '"0"' } }));
    expect(again.status).toBe(304);
  });

  it("tells SDKs the team's capture setting in a header, on 304s too, leaving the JSON as contracts §5 has it", async () => {
    const { team, user } = await makeOwner();
    const key = await makeKey(team.id, "ingest");
    const poll = () => getPolicy(apiRequest("/api/v1/policy", key.secret, { headers: { "if-none-match": '"0"' } }));
    expect((await poll()).headers.get("x-switchyard-capture-content")).toBe("0");
    await setContentCapture(checkedTeamId(team.id), user.id, true);
    const res = await poll();
    expect([res.status, res.headers.get("x-switchyard-capture-content")]).toEqual([304, "1"]);
  });

  it("answers 401 in the contract's error shape for a missing, malformed or unknown key", async () => {
    for (const auth of [undefined, "Basic abc", "Bearer sy_nope_nope"]) {
      const res = await getPolicy(new Request("http://localhost/api/v1/policy", { headers: auth ? { authorization: auth } : {} }));
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({ error: { code: "unauthorized", message: expect.any(String) } });
    }
  });

  it("answers 403 forbidden for a valid key of the wrong scope", async () => {
    const { team } = await makeOwner();
    const key = await makeKey(team.id, "read");
    const res = await getPolicy(apiRequest("/api/v1/policy", key.secret));
    expect(res.status).toBe(403);
    expect((await res.json()).error.code).toBe("forbidden");
  });

  it("refuses a revoked key on its very next request", async () => {
    const { user, team } = await makeOwner();
    const key = await makeKey(team.id, "ingest");
    expect((await getPolicy(apiRequest("/api/v1/policy", key.secret))).status).toBe(200);
    await revokeApiKey(team.id, user.id, key.id);
    const res = await getPolicy(apiRequest("/api/v1/policy", key.secret));
    expect(res.status).toBe(401);
    expect((await res.json()).error.message).toMatch(/revoked/);
  });

  it("stores only a hash, lists the prefix and records last use", async () => {
    const { user, team } = await makeOwner();
    const key = await createApiKey(team.id, user.id, { name: "sdk", scope: "ingest" });
    const row = await db().apiKey.findUniqueOrThrow({ where: { id: key.id } });
    expect(JSON.stringify(row)).not.toContain(key.secret.slice(12));
    expect((await listApiKeys(team.id))[0]).toMatchObject({ name: "sdk", prefix: key.secret.slice(0, 11), lastUsedAt: null });

    await getPolicy(apiRequest("/api/v1/policy", key.secret));
    const used = (await listApiKeys(team.id))[0].lastUsedAt;
    expect(used).toBeInstanceOf(Date);
    await getPolicy(apiRequest("/api/v1/policy", key.secret));
    expect((await listApiKeys(team.id))[0].lastUsedAt).toEqual(used); // written at most once a minute
  });

  it("refuses to reuse a secret that another key already has", async () => {
    const { team } = await makeOwner();
    const secret = "a-hand-picked-secret-0001";
    await createApiKey(team.id, null, { name: "one", scope: "ingest", secret });
    await expect(createApiKey(team.id, null, { name: "two", scope: "read", secret })).rejects.toMatchObject({ status: 409 });
    expect(await listApiKeys(team.id)).toHaveLength(1);
  });
});

describe("revocation and open policy streams", () => {
  it("closes a policy stream opened before the key was revoked, and leaves other keys' streams open", async () => {
    const { team, user } = await makeOwner();
    const doomed = await makeKey(team.id, "ingest");
    const kept = await makeKey(team.id, "ingest");
    const open = async (secret: string) => {
      const res = await streamRoute(apiRequest("/api/v1/policy/stream", secret));
      expect(res.status).toBe(200);
      const reader = res.body!.getReader();
      expect(new TextDecoder().decode((await reader.read()).value)).toContain("event: policy");
      return reader;
    };
    const doomedStream = await open(doomed.secret);
    const keptStream = await open(kept.secret);
    await revokeApiKey(team.id, user.id, doomed.id);
    const ended = await Promise.race([doomedStream.read(), new Promise((r) => setTimeout(() => r("still open"), 1000))]);
    expect(ended).toEqual({ done: true, value: undefined });
    const stillOpen = await Promise.race([keptStream.read(), new Promise((r) => setTimeout(() => r("still open"), 300))]);
    expect(stillOpen).toBe("still open");
    await keptStream.cancel();
    expect((await streamRoute(apiRequest("/api/v1/policy/stream", doomed.secret))).status).toBe(401);
  });
});
