// The /api/v1 wrapper on a real key: body and query validation answer 400 naming the field, before
// the handler runs.
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { apiRoute } from "@/lib/http/route";
import { apiRequest, makeKey, makeOwner } from "@/tests/factories";

let calls = 0;
const route = apiRoute(
  { scopes: ["ingest"], body: z.object({ events: z.array(z.object({ inputTokens: z.number().int().min(0) })) }), query: z.object({ dryRun: z.enum(["yes", "no"]).optional() }) },
  async ({ body, teamId }) => {
    calls += 1;
    return { count: body.events.length, teamId };
  },
);

async function post(secret: string, body: BodyInit, headers: Record<string, string> = {}, path = "/api/v1/test") {
  const res = await route(apiRequest(path, secret, { method: "POST", body, headers }));
  return { status: res.status, json: await res.json() };
}

describe("apiRoute", () => {
  it("passes a valid body to the handler with the key's team", async () => {
    const { team } = await makeOwner();
    const key = await makeKey(team.id, "ingest");
    expect(await post(key.secret, JSON.stringify({ events: [{ inputTokens: 3 }] }))).toEqual({ status: 200, json: { count: 1, teamId: team.id } });
    expect((await post(key.secret, gzipSync(JSON.stringify({ events: [] })), { "content-encoding": "gzip" })).json.count).toBe(0);
  });

  it("answers malformed JSON and invalid fields with 400, naming the field, without running the handler", async () => {
    const { team } = await makeOwner();
    const key = await makeKey(team.id, "ingest");
    const before = calls;
    const malformed = await post(key.secret, "{not json");
    expect(malformed.status).toBe(400);
    expect(malformed.json.error.code).toBe("invalid_json");

    const invalid = await post(key.secret, JSON.stringify({ events: [{ inputTokens: -1 }] }));
    expect(invalid.status).toBe(400);
    expect(invalid.json.error).toMatchObject({ code: "validation_error", issues: [{ path: "events.0.inputTokens" }] });
    expect(invalid.json.error.message).toContain("events.0.inputTokens");

    const badQuery = await post(key.secret, JSON.stringify({ events: [] }), {}, "/api/v1/test?dryRun=maybe");
    expect(badQuery.json.error.issues[0].path).toBe("dryRun");
    expect(calls).toBe(before);
  });

  it("checks the key before it reads the body", async () => {
    const { team } = await makeOwner();
    const readKey = await makeKey(team.id, "read");
    expect((await post(readKey.secret, "{not json")).status).toBe(403);
    expect((await post("sy_wrong_key", "{not json")).status).toBe(401);
  });
});
