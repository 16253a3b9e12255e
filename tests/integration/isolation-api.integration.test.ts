// Team isolation of /api/v1, enumerated from app/api/v1 so a route is probed the day it is added: every
// exported handler is called with no key, malformed headers, an unknown key, team B's revoked keys and each
// of team A's keys, with path params, queries and bodies naming B's data. No answer may carry B's data, B's
// rows must be byte-for-byte the same afterwards, and the status must be the documented one. Positive
// controls (A's keys do reach A's own data, B's own key does see B's markers) keep the suite from passing
// by everything failing.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { KeyScope } from "@prisma/client";
import { beforeAll, describe, expect, it } from "vitest";
import { revokeApiKey } from "@/lib/api-keys/mutations";
import { makeEvent, makeKey, makeOwner } from "@/tests/factories";
import { callHandler, documentedScopes, loadApiHandlers, snapshotTeam, type Answer, type ApiHandler, type Fill } from "@/tests/support/isolation-api";
import { findFiles } from "@/tests/support/isolation-routes";

const ROUTE_FILES = findFiles("app/api/v1", ["route.ts", "route.js"]);
const SCOPES: KeyScope[] = ["ingest", "read", "admin"];
const tag = crypto.randomBytes(4).toString("hex");
const recent = () => new Date(Date.now() - 2 * 3_600_000).toISOString();

// B's data carries unique markers; A's own data has its own, for the positive controls.
const B = {
  calls: [1, 2, 3].map((i) => `beta-call-${tag}-${i}`),
  trace: `beta-trace-${tag}`,
  task: `beta_task_${tag}`,
  model: `beta-model-${tag}`,
  meta: `beta-meta-${tag}`,
  policyModel: `beta-policy-model-${tag}`,
  message: `beta policy message ${tag}`,
  versions: 5, // A publishes fewer, so version 5 exists only in B
  evaluatorName: `beta evaluator ${tag}`,
  evaluator: "", // B's evaluator and its backfill job, once created
  job: "",
};
const A = { call: `alpha-call-${tag}`, trace: `alpha-trace-${tag}`, task: `alpha_task_${tag}`, policyModel: `alpha-policy-model-${tag}` };

type Key = { id: string; secret: string };
let handlers: ApiHandler[];
let a: Awaited<ReturnType<typeof makeOwner>>;
let b: Awaited<ReturnType<typeof makeOwner>>;
const keysA = {} as Record<KeyScope, Key>;
const keysB = {} as Record<KeyScope, Key>;
const revokedB: { scope: KeyScope; secret: string }[] = [];
let bBefore: string;
let bOwnView: Answer;

const handler = (name: string) => handlers.find((h) => h.name === name) ?? expect.fail(`no handler ${name} in app/api/v1`);
const bearer = (key: Key) => `Bearer ${key.secret}`;
// Dynamic segments of the URL get B's ids: a [traceId] B's trace, a [version] B's newest version, etc.
const fillB: Fill = (name) =>
  /trace/i.test(name) ? B.trace : /evaluator/i.test(name) ? B.evaluator : /job/i.test(name) ? B.job : /version/i.test(name) ? String(B.versions) : /team|slug/i.test(name) ? b.team.slug : /task/i.test(name) ? B.task : B.calls[0];
const queryB = () => `?id=${B.calls[0]}&callId=${B.calls[0]}&traceId=${B.trace}&teamId=${b.team.id}&team=${b.team.slug}&version=${B.versions}`;
const simulateBody = (policy: unknown) => ({ from: new Date(Date.now() - 7 * 86_400_000).toISOString(), to: new Date().toISOString(), policy, assumptions: { reviewCostPerFailureUsd: 0, minSamples: 1 } });

/** Bodies sent to every handler that takes one: each names B's rows in the shape of one endpoint or another. */
const probeBodies = () => [
  { events: [makeEvent({ id: B.calls[0], traceId: B.trace, stepIndex: 7, parentId: B.calls[1], timestamp: recent(), taskType: B.task })] },
  { outcomes: [{ callId: B.calls[0], outcome: "failure", reason: "probe" }, { traceId: B.trace, outcome: "failure" }] },
  { policy: { defaultModel: "gpt-5.4-nano" }, message: "probe", override: "probe" },
  { version: B.versions, message: "probe" },
  simulateBody({ defaultModel: "gpt-5.4-nano", rules: [{ id: "probe", when: { taskType: [B.task] }, model: "gpt-5.4-nano" }] }),
  { teamId: b.team.id, team: b.team.slug, slug: b.team.slug, id: B.calls[0], callId: B.calls[0], traceId: B.trace, version: B.versions },
];

type Cred = { label: string; auth?: string; scope?: KeyScope };
const badCreds = (): Cred[] => [
  { label: "no Authorization header" },
  { label: "an empty bearer", auth: "Bearer " },
  { label: "A's admin key under another scheme", auth: `Token ${keysA.admin.secret}` },
  { label: "two keys in one header", auth: `Bearer ${keysA.admin.secret} ${keysA.read.secret}` },
  { label: "an unknown key", auth: `Bearer sy_${crypto.randomBytes(24).toString("hex")}` },
  ...revokedB.map((k) => ({ label: `B's revoked ${k.scope} key`, auth: `Bearer ${k.secret}` })),
];
const credsA = (): Cred[] => SCOPES.map((scope) => ({ label: `A's ${scope} key`, auth: bearer(keysA[scope]), scope }));

/** Strings only B's data holds. Ids the request itself sent are not counted when echoed (an error naming the path). */
const markersB = () => [b.team.id, b.team.slug, b.team.name, b.user.email, ...B.calls, B.trace, B.task, B.model, B.meta, B.policyModel, B.message, B.evaluatorName, B.evaluator, B.job, ...Object.values(keysB).map((k) => k.id)];

async function expectNoLeak(ans: Answer, where: string, request: string) {
  const seen = markersB().filter((m) => ans.text.includes(m) && !request.includes(m));
  if (!seen.length) return;
  // A may have stored the same strings itself (it ingested events naming B's ids): those are A's own data.
  const ownA = await snapshotTeam(a.team.id);
  expect.soft(seen.filter((m) => !ownA.includes(m)), `${where} answered ${ans.status} with team B's data: ${ans.text.slice(0, 300)}`).toEqual([]);
}

beforeAll(async () => {
  handlers = await loadApiHandlers();
  a = await makeOwner(`Alpha ${tag}`);
  b = await makeOwner(`Beta ${tag}`);
  for (const scope of SCOPES) {
    keysA[scope] = await makeKey(a.team.id, scope);
    keysB[scope] = await makeKey(b.team.id, scope);
    const revoked = await makeKey(b.team.id, scope);
    await revokeApiKey(b.team.id, b.user.id, revoked.id);
    revokedB.push({ scope, secret: revoked.secret });
  }
  const send = async (name: string, key: Key, body: unknown) => {
    const ans = await callHandler(handler(name), fillB, { auth: bearer(key), body });
    expect(ans.status, `${name}: ${ans.text}`).toBe(200);
    return JSON.parse(ans.text) as Record<string, string>;
  };
  // B's data, written through B's own keys as a client would.
  const events = B.calls.map((id, i) => makeEvent({ id, timestamp: recent(), taskType: B.task, model: B.model, traceId: B.trace, stepIndex: i, metadata: { customer: B.meta } }));
  await send("POST /api/v1/ingest", keysB.ingest, { events });
  await send("POST /api/v1/outcomes", keysB.ingest, { outcomes: [{ callId: B.calls[0], outcome: "success" }, { traceId: B.trace, outcome: "failure", reason: B.meta }] });
  for (let v = 1; v <= B.versions; v++) {
    const policy = { defaultModel: B.policyModel, rules: [{ id: `beta-rule-${v}`, when: { taskType: [B.task] }, model: B.model }] };
    await send("PUT /api/v1/policy", keysB.admin, { policy, message: `${B.message} v${v}` });
  }
  B.evaluator = (await send("POST /api/v1/evaluators", keysB.admin, { name: B.evaluatorName, kind: "contains", config: { text: B.meta, mustContain: true } })).id;
  B.job = (await send("POST /api/v1/evaluators/[evaluatorId]/backfill", keysB.admin, { from: new Date(Date.now() - 86_400_000).toISOString(), to: new Date().toISOString() })).jobId;
  // A's own data, for the positive controls.
  await send("POST /api/v1/ingest", keysA.ingest, { events: [makeEvent({ id: A.call, timestamp: recent(), taskType: A.task, traceId: A.trace, stepIndex: 0 })] });
  await send("PUT /api/v1/policy", keysA.admin, { policy: { defaultModel: A.policyModel }, message: "alpha v1" });
  // What B's own read key sees (before the snapshot: using a key stamps its lastUsedAt).
  bOwnView = await callHandler(handler("GET /api/v1/analytics/task-types"), fillB, { auth: bearer(keysB.read) });
  bBefore = await snapshotTeam(b.team.id);
}, 60_000);

/** B's rows that appeared or disappeared since the snapshot taken before the probes. */
async function changesToB() {
  const [before, after] = [new Set(bBefore.split("\n")), new Set((await snapshotTeam(b.team.id)).split("\n"))];
  return { removed: [...before].filter((l) => !after.has(l)), added: [...after].filter((l) => !before.has(l)) };
}
const UNCHANGED = { removed: [], added: [] };

describe("API isolation, enumerated from app/api/v1", () => {
  it("finds the routes, and no API route outside /api/v1 and next-auth goes unprobed", () => {
    expect(ROUTE_FILES.length).toBeGreaterThan(5);
    expect(handlers.filter((h) => h.method === "POST").length).toBeGreaterThan(3);
    expect(findFiles("app/api", ["route.ts", "route.js"]).filter((f) => !/^app\/api\/(v1|auth)\//.test(f))).toEqual([]);
    // A Pages Router folder may hold _document/_error, but a route there (pages/api/…) would go unprobed.
    const pagesRouter = fs.existsSync("pages") ? (fs.readdirSync("pages", { recursive: true }) as string[]) : [];
    expect(pagesRouter.filter((f) => /\.(tsx?|jsx?)$/.test(f) && !f.split(path.sep).some((p) => p.startsWith("_")))).toEqual([]);
  });

  it("declares the scopes the API table in docs/api.md documents", () => {
    const documented = documentedScopes();
    expect(documented.size, "docs/api.md's API table (| `METHOD /api/v1/…` | scopes | …) no longer parses").toBeGreaterThan(5);
    for (const [name, scopes] of documented) {
      const h = handlers.find((x) => x.name === name);
      if (h) expect([...(h.declaredScopes ?? [])].sort(), name).toEqual([...scopes].sort());
    }
  });

  // Positive controls: the right scope of A's key reaches A's own data with a 2xx, so the refusals below mean something.
  const ownControls = (): Record<string, { scope: KeyScope; body?: unknown; check: (r: Answer) => void }> => ({
    "GET /api/v1/policy": { scope: "ingest", check: (r) => expect(r.json).toMatchObject({ version: 1, policy: { defaultModel: A.policyModel } }) },
    "GET /api/v1/policy/stream": { scope: "ingest", check: (r) => expect(r.text).toMatch(new RegExp(`^event: policy\\ndata: .*${A.policyModel}`)) },
    "GET /api/v1/analytics/task-types": { scope: "read", check: (r) => expect(r.json.rows.map((x: { taskType: string }) => x.taskType)).toEqual([A.task]) },
    "POST /api/v1/simulate": { scope: "read", body: simulateBody({ defaultModel: "gpt-5.4-nano" }), check: (r) => expect(r.text).toContain(A.task) },
    "POST /api/v1/outcomes": { scope: "ingest", body: { outcomes: [{ callId: A.call, outcome: "success" }] }, check: (r) => expect(r.json).toEqual({ applied: 1, pending: 0 }) },
    "POST /api/v1/ingest": { scope: "ingest", body: { events: [makeEvent({ timestamp: recent(), taskType: A.task })] }, check: (r) => expect(r.json).toMatchObject({ accepted: 1 }) },
    "PUT /api/v1/policy": { scope: "admin", body: { policy: { defaultModel: A.policyModel }, message: "alpha v2" }, check: (r) => expect(r.json).toEqual({ version: 2 }) },
    "POST /api/v1/policy/rollback": { scope: "admin", body: { version: 1 }, check: (r) => expect(r.json).toEqual({ version: 3 }) },
  });

  it("serves A's keys of the right scope A's own data (positive control)", async () => {
    for (const [name, c] of Object.entries(ownControls())) {
      const ans = await callHandler(handler(name), fillB, { auth: bearer(keysA[c.scope]), body: c.body });
      expect(ans.status, `${name}: ${ans.text}`).toBe(200);
      c.check(ans);
    }
    // The leak check can see B's data: B's own read key got B's markers back from the same endpoint.
    expect(bOwnView.text).toContain(B.task);
    expect(bOwnView.text).toContain(B.model);
  });

  it("treats B's ids as unknown to A's keys", async () => {
    const rollback = await callHandler(handler("POST /api/v1/policy/rollback"), fillB, { auth: bearer(keysA.admin), body: { version: B.versions } });
    expect([rollback.status, rollback.code]).toEqual([404, "not_found"]);
    const labels = await callHandler(handler("POST /api/v1/outcomes"), fillB, { auth: bearer(keysA.ingest), body: { outcomes: [{ callId: B.calls[1], outcome: "failure" }, { traceId: B.trace, outcome: "success" }] } });
    expect(labels.json).toEqual({ applied: 0, pending: 2 }); // applied would mean A's key labelled B's call
    // Ids are per team: B's id is new to A (a "duplicate" would tell A that B has a call of that id).
    const reuse = await callHandler(handler("POST /api/v1/ingest"), fillB, { auth: bearer(keysA.ingest), body: { events: [makeEvent({ id: B.calls[2], timestamp: recent(), taskType: A.task })] } });
    expect(reuse.json).toMatchObject({ accepted: 1, duplicates: 0 });
    expect(await changesToB()).toEqual(UNCHANGED);
  });

  it.each(ROUTE_FILES)("%s: every method, every credential, B's ids: right status, none of B's data, B unchanged", async (file) => {
    const mine = handlers.filter((h) => h.file === file);
    expect(mine.length, `${file} exports no GET/POST/PUT/PATCH/DELETE`).toBeGreaterThan(0);
    for (const h of mine) {
      const first = await callHandler(h, fillB);
      const kind = h.catchAll ? "catch-all" : first.status === 405 ? "unserved" : "served";
      if (kind === "unserved") {
        // An unserved method: 405 with Allow naming the methods this route file does serve, whoever asks.
        expect.soft(first.code, h.name).toBe("method_not_allowed");
        const allow = (first.allow ?? "").split(/,\s*/).filter(Boolean);
        expect.soft(allow.length && !allow.includes(h.method), `${h.name} Allow: ${first.allow}`).toBeTruthy();
        for (const m of allow) expect.soft(mine.map((x) => x.method), `${h.name} Allow names ${m}`).toContain(m);
      }
      if (kind === "served") expect.soft(h.declaredScopes, `${h.name}: declare its scopes with apiRoute({ scopes }) so this suite knows which key may call it`).not.toBeNull();
      const requests = [{ query: queryB() }, ...(h.method === "GET" ? [] : probeBodies().map((body) => ({ query: queryB(), body })))];
      for (const cred of [...badCreds(), ...credsA()]) {
        for (const req of requests) {
          const ans = await callHandler(h, fillB, { auth: cred.auth, ...req });
          const where = `${h.name} with ${cred.label}${"body" in req ? ` and ${JSON.stringify(req.body).slice(0, 50)}…` : ""}`;
          const got = `${ans.status} ${ans.code ?? ""} ${ans.text.slice(0, 200)}`;
          if (kind === "catch-all") expect.soft([ans.status, ans.code], `${where}: ${got}`).toEqual([404, "not_found"]);
          else if (kind === "unserved") expect.soft([ans.status, ans.code], `${where}: ${got}`).toEqual([405, "method_not_allowed"]);
          else if (!cred.scope) expect.soft([ans.status, ans.code], `${where}: ${got}`).toEqual([401, "unauthorized"]);
          else if (!h.declaredScopes?.includes(cred.scope)) expect.soft([ans.status, ans.code], `${where}: ${got}`).toEqual([403, "forbidden"]);
          else expect.soft([401, 403, 405].includes(ans.status) || ans.status >= 500, `${where}: ${got}`).toBe(false);
          await expectNoLeak(ans, where, `${h.url(fillB).path} ${JSON.stringify(req)}`);
        }
      }
    }
    const changes = await changesToB();
    expect(changes, `${file} changed team B's rows: ${JSON.stringify(changes).slice(0, 600)}`).toEqual(UNCHANGED);
  }, 120_000);

  it("would notice a change to B (the snapshot is not blind), and B's own keys still work", async () => {
    const ans = await callHandler(handler("GET /api/v1/policy"), fillB, { auth: bearer(keysB.ingest) });
    expect(ans.json).toMatchObject({ version: B.versions, policy: { defaultModel: B.policyModel } });
    const labels = await callHandler(handler("POST /api/v1/outcomes"), fillB, { auth: bearer(keysB.ingest), body: { outcomes: [{ callId: B.calls[2], outcome: "failure" }] } });
    expect(labels.json).toEqual({ applied: 1, pending: 0 });
    expect((await changesToB()).added.join("\n")).toContain('"outcome":0');
  });
});
