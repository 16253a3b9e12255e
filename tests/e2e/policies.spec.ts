// The policy editor end to end: edit a rule, watch the preview move, publish, and a running SDK client
// routes by it; the gate blocks a publish below the floor until an override is written; viewers preview
// but cannot publish. Screenshots of Simulate, the editor and Policies at 1280 and 390 px.
import crypto from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import OpenAI from "openai";
import { Switchyard } from "@switchyard/sdk";
import { startFakeOpenAI } from "../../packages/fake-openai/src/server";
import { AnalyticsPages } from "./pages/analytics";
import { AuthPages } from "./pages/auth";
import { TeamPages } from "./pages/team";

/** 60 labeled classify calls on each model over the last hours: enough evidence for the preview and the gate. */
function traffic() {
  const now = Date.now();
  return ["gpt-5.4-mini", "gpt-5.4-nano"].flatMap((model, m) => Array.from({ length: 60 }, (_, i) => ({
    id: `${model}-${i}-${crypto.randomBytes(3).toString("hex")}`, timestamp: now - (i + 1) * 60_000, taskType: "classify", model,
    inputTokens: 500, outputTokens: 10, latencyMs: 400 + i, status: "ok", outcome: i < (m === 0 ? 57 : 51) ? "success" : "failure",
  })));
}

async function openEditor(page: Page, slug: string) {
  await page.goto(`/${slug}/policies/edit`);
  await expect(page.getByRole("status").filter({ hasText: /Up to date|Updating/ })).toBeVisible();
}

test("edit a rule, preview, publish, and a running SDK routes by it; the gate needs an override", async ({ page, request, baseURL, browser }) => {
  test.setTimeout(120_000);
  await new AuthPages(page).signUp(`policy-${crypto.randomBytes(3).toString("hex")}@example.test`, "policy-password-1");
  await expect(page.getByText("No calls logged yet")).toBeVisible();
  const team = new TeamPages(page);
  const slug = team.slug();
  const key = await (await team.createKey("sdk", "ingest")).inputValue();
  const ingested = await request.post("/api/v1/ingest", { headers: { authorization: `Bearer ${key}` }, data: { events: traffic() } });
  expect((await ingested.json()).accepted).toBe(120);

  const fake = await startFakeOpenAI();
  const sy = new Switchyard({ apiKey: key, baseUrl: baseURL!, onWarning: () => undefined });
  const openai = sy.wrap(new OpenAI({ apiKey: "sk-fake", baseURL: fake.url, maxRetries: 0 }));
  const classify = () => openai.chat.completions.create({ model: "auto", messages: [{ role: "user", content: "refund?" }] }, { switchyard: { taskType: "classify" } } as never);
  try {
    await classify();
    expect(fake.requests.at(-1)!.body.model).toBe("gpt-5.4-mini");

    // One rule: classify → nano. The preview follows the edit.
    await openEditor(page, slug);
    const preview = page.getByRole("region", { name: "Preview" });
    await expect(preview.getByRole("row", { name: /classify gpt-5.4-mini 100%/ })).toBeVisible();
    await page.getByRole("button", { name: "+ Add a rule" }).click();
    const rule = page.getByRole("listitem", { name: "Rule 1" });
    await rule.getByLabel("Rule 1 id").fill("");
    await expect(page.getByRole("alert").filter({ hasText: "Not valid yet" })).toContainText("rules.0.id");
    await rule.getByLabel("Rule 1 id").fill("cheap-classify");
    await rule.getByRole("checkbox", { name: "classify" }).check();
    await rule.getByLabel("Rule 1 model").selectOption("gpt-5.4-nano");
    await expect(preview.getByRole("row", { name: /classify gpt-5.4-nano 100%/ })).toBeVisible();
    await new AnalyticsPages(page).screenshots("policy-editor");

    await page.getByLabel("Why (kept in the history)").fill("classify is as good on nano");
    // A guard on the first version (there is nothing before it to roll back to: it is kept, never trips).
    await page.getByLabel("Guard floor (%)").fill("80");
    await page.getByRole("button", { name: "Publish", exact: true }).click();
    await expect(page.getByText("Published as version 1.")).toBeVisible();
    await expect.poll(() => sy.policyVersion, { timeout: 5000 }).toBe(1);
    await classify();
    expect(fake.requests.at(-1)!.body.model).toBe("gpt-5.4-nano");

    // A floor of 90%: nano's 85% on classify falls below it, with 60 labels of evidence.
    await page.goto(`/${slug}/policies`);
    await page.getByLabel("Success floor (%)").fill("90");
    await page.getByRole("button", { name: "Save gate settings" }).click();
    await expect(page.getByText("Saved.")).toBeVisible();
    await openEditor(page, slug);
    await page.getByLabel("Why (kept in the history)").fill("republish");
    await page.getByRole("button", { name: "Publish", exact: true }).click();
    await expect(page.getByRole("alert").filter({ hasText: "success floor of 90.0%" })).toContainText("classify 85.0%");
    await page.getByLabel(/Override/).fill("Nano's failures on classify are cheap to retry by hand this week.");
    await page.getByRole("button", { name: "Publish with override" }).click();
    await expect(page.getByText("Published as version 2.")).toBeVisible();
    await page.goto(`/${slug}/policies`);
    const history = page.getByRole("table", { name: "Policy history" });
    await expect(history.getByRole("row")).toHaveCount(3);
    // The history says what changed in the policy's terms, and why version 2 went out below the floor.
    await expect(history.getByRole("row", { name: /^2 / })).toContainText("Published below the success floor: Nano's failures on classify are cheap to retry by hand this week.");
    await expect(history.getByRole("row", { name: /^1 / }).getByRole("list", { name: "Changes against the previous version" })).toContainText(/rule \S+ added: task type classify → gpt-5\.4-nano/);
    await expect(history.getByRole("row", { name: /^1 / })).toContainText("Guarded: rolls back if a changed task type falls below 80.0%");
    await new AnalyticsPages(page).expectFits(history);
    await expect(page.getByText(/Version 2: 0 of 200 routed tasks served so far/)).toBeVisible();

    // Version 2 serves 220 classify tasks through the SDK, every fifth judged a failure by the app's check:
    // the Policies page sets 80% realized beside the 85% projected.
    await expect.poll(() => sy.policyVersion, { timeout: 5000 }).toBe(2);
    for (let i = 0; i < 220; i++) {
      await openai.chat.completions.create({ model: "auto", messages: [{ role: "user", content: "refund?" }] },
        { switchyard: { taskType: "classify", validate: () => (i % 5 === 0 ? "judged wrong" : true) } } as never);
    }
    await sy.flush();
    await page.reload();
    const check = page.getByRole("table", { name: "Version 2: projected and realized per task type" });
    await expect(check.locator("th", { hasText: "classify · 220 tasks" })).toBeVisible();
    await expect(check.getByRole("row", { name: /^Success/ })).toContainText(/85\.0%.+80\.0%.+of 220 labeled/);
    await new AnalyticsPages(page).screenshots("policies");

    await page.goto(`/${slug}/simulate?start=current`);
    await expect(page.getByRole("table", { name: "Projection by task type" })).toContainText("classify");
    await new AnalyticsPages(page).expectPlottedFrontier();
    await new AnalyticsPages(page).screenshots("simulate");

    // A viewer previews and simulates but has no way to publish.
    const inviteUrl = await team.createInvite("viewer");
    const guestContext = await browser.newContext();
    const guest = await guestContext.newPage();
    await guest.goto(inviteUrl);
    await guest.getByRole("link", { name: "Create an account" }).click();
    await expect(guest).toHaveURL(/\/sign-up\?callbackUrl=/);
    await new AuthPages(guest).signUp(`viewer-${crypto.randomBytes(3).toString("hex")}@example.test`, "viewer-password-1");
    await guest.getByRole("button", { name: "Join team" }).click();
    await expect(guest.getByText("Role: viewer")).toBeVisible();
    await guest.goto(`/${slug}/policies/edit`);
    await expect(guest.getByText("Only owners and admins publish.")).toBeVisible();
    await expect(guest.getByRole("button", { name: "Publish", exact: true })).toHaveCount(0);
    await expect(guest.getByRole("region", { name: "Preview" }).getByRole("row", { name: /classify/ })).toBeVisible();
    await guestContext.close();
  } finally {
    await sy.close();
    await fake.close();
  }
});
