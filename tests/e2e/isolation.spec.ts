// Team isolation in the browser's terms, enumerated from the app folder and the build rather than listed:
// every page and route handler under /[team] and every server action, tried by a signed-in member of
// another team, by nobody, and (the positive control) by that member on their own team. The target is Other
// Co (tests/e2e/other-team.ts); what its owner sees of its settings, keys, members, prices, policies and
// calls must be the same afterwards, and no answer may carry its data.
import crypto from "node:crypto";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { AuthPages } from "./pages/auth";
import { TeamPages } from "./pages/team";
import { E2E_OTHER_TEAM } from "./other-team";
import { actionPageUrl, answer, builtActions, invokeAction, ownerView, teamRoutes, urlFor, type BuiltAction } from "../support/isolation-e2e";
import { firstAwaitedCall, toPath } from "../support/isolation-routes";

const tag = crypto.randomBytes(3).toString("hex");
const OTHER = E2E_OTHER_TEAM.slug;
const other = { call: `other-call-${tag}`, trace: `other-trace-${tag}`, task: `other_task_${tag}`, model: `other-model-${tag}`, meta: `other-meta-${tag}` };
const own = { call: `own-call-${tag}`, trace: `own-trace-${tag}`, task: `own_task_${tag}`, model: `own-model-${tag}`, meta: `own-meta-${tag}` };
const events = (t: typeof other) =>
  [0, 1].map((step) => ({
    id: step ? `${t.call}-b` : t.call, traceId: t.trace, stepIndex: step, timestamp: Date.now() - 60_000, taskType: t.task, model: t.model,
    inputTokens: 100, outputTokens: 10, latencyMs: 500, status: "ok", metadata: { customer: t.meta },
  }));
const bearer = (key: string) => ({ authorization: `Bearer ${key}` });
const REDIRECT = [302, 303, 307, 308];

let outsider: Page;
let ownerPage: Page;
let anonymous: APIRequestContext;
let ownSlug: string;
let otherIds: { keyId: string; ownerId: string; inviteId: string; priceId: string; evaluatorId: string };
let ownEvaluator: string;
let otherBefore: Record<string, string>;
let ownBefore: Record<string, string>;

/** Strings only Other Co's data holds. What the request itself carried (URL, form) is not counted when echoed back. */
const leaks = (text: string, sent: string, markers = [E2E_OTHER_TEAM.name, E2E_OTHER_TEAM.email, ...Object.values(other), ...Object.values(otherIds)]) =>
  markers.filter((m) => text.includes(m) && !sent.includes(m));

test.beforeAll(async ({ browser, request }) => {
  test.setTimeout(180_000);
  // Other Co's calls (a two-step trace), through its own ingest key: real ids for [id], [traceId], [taskType].
  const ingested = await request.post("/api/v1/ingest", { headers: bearer(E2E_OTHER_TEAM.ingestKey), data: { events: events(other) } });
  expect(await ingested.json()).toMatchObject({ accepted: 2 });

  // Other Co's owner adds an invite and a price, so the outsider can name a real row of every kind.
  ownerPage = await (await browser.newContext()).newPage();
  await new AuthPages(ownerPage).signIn(E2E_OTHER_TEAM.email, E2E_OTHER_TEAM.password);
  await expect(ownerPage).toHaveURL(new RegExp(`/${OTHER}$`));
  await new TeamPages(ownerPage).createInvite("admin");
  await ownerPage.goto(`/${OTHER}/settings/models`);
  await ownerPage.getByLabel("Model").fill(other.model);
  await ownerPage.getByLabel("Input $ / 1M tokens").fill("1.00");
  await ownerPage.getByLabel("Output $ / 1M tokens").fill("2.00");
  await ownerPage.getByRole("button", { name: "Save price" }).click();
  await expect(ownerPage.getByText("Price saved")).toBeVisible();
  const hidden = async (suffix: string, name: string) => {
    await ownerPage.goto(`/${OTHER}${suffix}`);
    return (await ownerPage.locator(`input[type=hidden][name=${name}]`).first().getAttribute("value"))!;
  };
  // An evaluator of each team, through an admin key as a client would; its scope names the team's model, so
  // the evaluator's page shows something only that team has.
  const evaluatorOf = async (page: Page, t: typeof other) => {
    const admin = await (await new TeamPages(page).createKey(`evaluators-${tag}`, "admin")).inputValue();
    const res = await request.post("/api/v1/evaluators", { headers: bearer(admin), data: { name: `evaluator ${t.meta}`, kind: "contains", config: { text: t.meta, mustContain: true }, scope: { models: [t.model] } } });
    expect(res.status()).toBe(200);
    return ((await res.json()) as { id: string }).id;
  };
  const evaluatorId = await evaluatorOf(ownerPage, other);
  otherIds = { keyId: await hidden("/settings/api-keys", "keyId"), ownerId: await hidden("/settings/members", "userId"), inviteId: await hidden("/settings/members", "inviteId"), priceId: await hidden("/settings/models", "priceId"), evaluatorId };
  otherBefore = await ownerView(ownerPage, OTHER);

  // The outsider signs up as a user would; their own team gets the same kind of data for the positive controls.
  outsider = await (await browser.newContext()).newPage();
  await new AuthPages(outsider).signUp(`outsider-${tag}@example.test`, "outsider-password-1");
  await expect(outsider.getByText("No calls logged yet")).toBeVisible();
  const team = new TeamPages(outsider);
  ownSlug = team.slug();
  const secret = await (await team.createKey("isolation", "ingest")).inputValue();
  expect(await (await request.post("/api/v1/ingest", { headers: bearer(secret), data: { events: events(own) } })).json()).toMatchObject({ accepted: 2 });
  ownEvaluator = await evaluatorOf(outsider, own);
  ownBefore = await ownerView(outsider, ownSlug);
  anonymous = (await browser.newContext()).request;
});

test("enumerates the team's pages, route handlers and server actions", () => {
  const routes = teamRoutes();
  const { built, unbuilt } = builtActions();
  test.info().annotations.push(
    { type: "team URLs", description: routes.map((r) => `${r.kind} ${toPath(r.segments, (n) => `[${n}]`)}`).join(", ") },
    { type: "actions", description: built.map((a) => `${a.filename}#${a.exportedName}`).join(", ") },
  );
  expect(routes.filter((r) => r.kind === "page").length).toBeGreaterThan(10);
  expect(routes.some((r) => r.kind === "route")).toBe(true);
  // Every action in the build is an export of a "use server" module; an inline action would go unprobed.
  expect(built.filter((a) => !a.source).map((a) => `${a.filename}#${a.exportedName}`)).toEqual([]);
  // Exports that no bundle carries cannot be called over HTTP at all; should one be, its gate must come first.
  for (const s of unbuilt) expect(["requireTeam", "requireUser", "getCurrentUser"], `${s.file}#${s.name}`).toContain(firstAwaitedCall(s));
});

test("a member of another team gets 404 and none of Other Co's data from every team URL; their own team's are 200", async () => {
  for (const route of teamRoutes()) {
    const url = urlFor(route, OTHER, { ...other, evaluator: otherIds.evaluatorId });
    const res = await answer(await outsider.request.get(url, { maxRedirects: 0 }));
    expect.soft(res.status, `${url} (${route.file}) for an outsider: ${res.status} ${res.location}`).toBe(404);
    expect.soft(leaks(res.text, decodeURIComponent(url)), `${url} shows Other Co's data`).toEqual([]);
    if (route.kind === "page") {
      await outsider.goto(url);
      await expect.soft(outsider.getByRole("heading", { name: "Page not found" }), url).toBeVisible();
      expect.soft(leaks(await outsider.content(), decodeURIComponent(url)), `${url} renders Other Co's data`).toEqual([]);
    }
    // Positive control: the same route of the outsider's own team answers, with its data where the URL names some.
    const mine = urlFor(route, ownSlug, { ...own, evaluator: ownEvaluator });
    const ok = await answer(await outsider.request.get(mine, { maxRedirects: 0 }));
    expect.soft(ok.status, `${mine} (own team)`).toBe(200);
    if (route.params.length) expect.soft(ok.text, `${mine} shows the own team's call`).toContain(own.model);
    if (route.kind === "page") {
      await outsider.goto(mine);
      await expect.soft(outsider.getByRole("heading", { name: "Page not found" }), mine).toHaveCount(0);
    }
  }
  // The session endpoint names the user, never another team; an invite's id is not its token (the token is the credential).
  const session = await answer(await outsider.request.get("/api/auth/session"));
  expect(leaks(session.text, "")).toEqual([]);
  const invite = await answer(await outsider.request.get(`/invite/${otherIds.inviteId}`));
  expect(leaks(invite.text, otherIds.inviteId), "/invite/<Other Co's invite id>").toEqual([]);
});

test("unknown ids answer 404 and malformed percent-encodings 400 (docs/api.md), on the own team and on Other Co", async () => {
  for (const route of teamRoutes().filter((r) => r.params.length)) {
    for (const slug of [ownSlug, OTHER]) {
      // server.mjs answers these before Next routes them (Next itself answers 500), the same for every slug.
      const bad = urlFor(route, slug, { ...own, evaluator: ownEvaluator }, "%E0%A4%A");
      const res = await answer(await outsider.request.get(bad, { maxRedirects: 0 }));
      expect.soft(res.status, `${bad} (${route.file})`).toBe(400);
      expect.soft(leaks(res.text, bad), bad).toEqual([]);
    }
    // An unknown task type is a 200 page by design ("No calls of this task type in the window"); calls and traces are not.
    if (route.params.every((p) => /task/i.test(p))) continue;
    const unknown = urlFor(route, ownSlug, { call: `no-such-call-${tag}`, trace: `no-such-trace-${tag}`, task: own.task, evaluator: `no-such-evaluator-${tag}` });
    const res = await answer(await outsider.request.get(unknown, { maxRedirects: 0 }));
    expect.soft(res.status, `${unknown} (own team, unknown id)`).toBe(404);
  }
});

test("signed out, every team URL redirects to sign-in or answers 401/404, with no team's data", async () => {
  for (const route of teamRoutes()) {
    for (const [slug, ids] of [[OTHER, { ...other, evaluator: otherIds.evaluatorId }], [ownSlug, { ...own, evaluator: ownEvaluator }]] as const) {
      const url = urlFor(route, slug, ids);
      const res = await answer(await anonymous.get(url, { maxRedirects: 0 }));
      const fine = [401, 404].includes(res.status) || (REDIRECT.includes(res.status) && /^(https?:\/\/[^/]+)?\/sign-in\b/.test(res.location));
      expect.soft(fine, `${url} signed out: ${res.status} ${res.location}`).toBe(true);
      expect.soft(leaks(res.text, decodeURIComponent(url), [...Object.values(other), ...Object.values(own), E2E_OTHER_TEAM.name]), `${url} signed out`).toEqual([]);
    }
  }
});

/** One form that would succeed in every action (valid values for each field), naming Other Co's real rows. */
function attackForm() {
  const fields = {
    name: `Pwned ${tag}`, scope: "admin", role: "viewer", keyId: otherIds.keyId, userId: otherIds.ownerId, inviteId: otherIds.inviteId,
    priceId: otherIds.priceId, version: "1", policy: JSON.stringify({ defaultModel: `pwned-model-${tag}` }), message: "pwned", override: "pwned",
    floor: "99", tolerance: "50", capture: "on", timeZone: "Pacific/Kiritimati", model: `pwned-model-${tag}`, effectiveFrom: "2026-01-01",
    input: "9.99", output: "9.99", email: E2E_OTHER_TEAM.email, password: "pwned-password-1",
    rules: JSON.stringify([{ field: "span_name", value: `pwned-${tag}*`, taskType: "pwned" }]),
  };
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  return { form, sent: JSON.stringify(fields) };
}

/** The arguments of an action, by parameter name: the slug it is aimed at, an empty previous state, the form. */
function argsFor(action: BuiltAction, slug: string) {
  return action.source!.params.map((p) => {
    if (p === "slug") return slug;
    if (/prev/i.test(p)) return {};
    if (/form/i.test(p)) return attackForm().form;
    if (p === "policy") return { defaultModel: `pwned-model-${tag}` };
    if (p === "token") return otherIds.inviteId; // an id of Other Co's invite is not its token
    if (p === "evaluatorId") return slug === OTHER ? otherIds.evaluatorId : ownEvaluator;
    if (p === "from" || p === "to") return p === "from" ? "2026-01-01" : "2026-12-31";
    if (p === "input") return { callId: slug === OTHER ? other.call : own.call, verdict: "fail", reason: "probe" }; // a review verdict
    throw new Error(`isolation suite: what argument is "${p}" of ${action.exportedName}? Add it to argsFor`);
  });
}

test("every server action aimed at Other Co is refused (404 signed in, sign-in or 404 signed out); aimed at the own team it runs; Other Co is unchanged", async ({ baseURL, browser, request }) => {
  test.setTimeout(180_000);
  const { built } = builtActions();
  const sent = (url: string) => `${decodeURIComponent(url)} ${attackForm().sent}`;
  for (const action of built) {
    const name = `${action.filename}#${action.exportedName}`;
    const takesSlug = action.source!.params[0] === "slug";
    const url = actionPageUrl(action, takesSlug ? OTHER : ownSlug);
    const res = await answer(await invokeAction(outsider.request, url, action.id, argsFor(action, OTHER), baseURL!));
    expect.soft(leaks(res.text, sent(url)), `${name} answered ${res.status} with Other Co's data`).toEqual([]);
    if (!takesSlug) {
      // Sign-up, new team and accept-invite act for the caller: they may succeed, but only for the caller (checked at the end).
      expect.soft(res.status, `${name}: ${res.status} ${res.text.slice(0, 300)}`).toBeLessThan(500);
      continue;
    }
    expect.soft(res.status, `${name} on ${OTHER} as an outsider: ${res.status} ${res.text.slice(0, 300)}`).toBe(404);
    expect.soft(res.text, name).not.toContain('"ok":true');

    const anon = await answer(await invokeAction(anonymous, url, action.id, argsFor(action, OTHER), baseURL!));
    const fine = [401, 404].includes(anon.status) || ([200, ...REDIRECT].includes(anon.status) && /^\/sign-in\b/.test(anon.location));
    expect.soft(fine, `${name} on ${OTHER} signed out: ${anon.status} ${anon.location} ${anon.text.slice(0, 200)}`).toBe(true);
    expect.soft(anon.text, name).not.toContain('"ok":true');
    expect.soft(leaks(anon.text, sent(url)), `${name} signed out answered with Other Co's data`).toEqual([]);

    // Positive control: the very same request aimed at the outsider's own team gets past the gate to the action.
    const mineUrl = actionPageUrl(action, ownSlug);
    const mine = await answer(await invokeAction(outsider.request, mineUrl, action.id, argsFor(action, ownSlug), baseURL!));
    expect.soft(mine.status, `${name} on the own team: ${mine.text.slice(0, 300)}`).toBe(200);
    expect.soft(mine.text, `${name} on the own team returns its state`).toMatch(/"ok":(true|false)/);
  }

  // Other Co is unchanged: its owner's view, its owner's password (sign-up named its email), its key and calls.
  expect(await ownerView(ownerPage, OTHER)).toEqual(otherBefore);
  // The view is not blind: the same view of the outsider's own team changed (renamed, keys, invites, prices…).
  expect(await ownerView(outsider, ownSlug)).not.toEqual(ownBefore);
  const fresh = await (await browser.newContext()).newPage();
  await new AuthPages(fresh).signIn(E2E_OTHER_TEAM.email, E2E_OTHER_TEAM.password);
  await expect(fresh).toHaveURL(new RegExp(`/${OTHER}$`));
  const again = await request.post("/api/v1/ingest", { headers: bearer(E2E_OTHER_TEAM.ingestKey), data: { events: events(other) } });
  expect(await again.json()).toMatchObject({ accepted: 0, duplicates: 2 }); // sending its calls again stores nothing
  // Accepting "an invite" with an invite's id (not its token) joined nothing.
  expect((await outsider.request.get(`/${OTHER}`, { maxRedirects: 0 })).status()).toBe(404);
});
