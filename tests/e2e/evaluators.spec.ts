// The Evaluators page end to end: with content capture on and 20 extract calls logged (14 valid JSON, 6 not),
// an owner creates a json_schema evaluator through the page (a bad schema is refused next to its field),
// runs it over the past day, watches the run finish with the count it announced, and sees 14 pass and 6
// fail in the table; a member sees the results but no forms. Screenshots at 1280 and 390 px.
import crypto from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { AnalyticsPages } from "./pages/analytics";
import { AuthPages } from "./pages/auth";
import { TeamPages } from "./pages/team";

const SCHEMA = { type: "object", required: ["invoice", "total"], properties: { invoice: { type: "string" }, total: { type: "number" } } };

/** 20 extract calls over the last minutes, 14 of them answering JSON that fits SCHEMA, and 2 classify calls (out of scope). */
function calls() {
  const now = Date.now();
  const event = (i: number, taskType: string, output: unknown) => ({
    id: `call-${i}-${crypto.randomBytes(3).toString("hex")}`, timestamp: now - (i + 1) * 5000, taskType, model: "gpt-5.4-nano",
    inputTokens: 400, outputTokens: 40, latencyMs: 600, status: "ok", input: "Read the invoice.", output,
  });
  const outputs = (i: number) => (i < 14 ? { invoice: `A-${i}`, total: 10 + i } : i < 18 ? { invoice: `A-${i}` } : "Sorry, I could not read it.");
  return [...Array.from({ length: 20 }, (_, i) => event(i, "extract", outputs(i))), event(20, "classify", "yes"), event(21, "classify", "no")];
}

/** Screenshots at both widths; at 390 px the page itself must not scroll sideways. */
async function screenshots(page: Page, name: string) {
  await new AnalyticsPages(page).screenshots(name);
  await page.setViewportSize({ width: 390, height: 900 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.setViewportSize({ width: 1280, height: 900 });
}

test("create a json_schema evaluator, run it over past calls, and see pass and fail counts", async ({ page, request, browser }) => {
  test.setTimeout(120_000);
  await new AuthPages(page).signUp(`evaluators-${crypto.randomBytes(3).toString("hex")}@example.test`, "evaluator-password-1");
  await expect(page.getByText("No calls logged yet")).toBeVisible();
  const team = new TeamPages(page);
  const slug = team.slug();

  // Empty: what evaluators do, and that capture is off, with the way to turn it on.
  await page.goto(`/${slug}/evaluators`);
  await expect(page.getByRole("heading", { name: "No evaluators yet" })).toBeVisible();
  await expect(page.getByText("It is off for this team")).toBeVisible();
  await screenshots(page, "evaluators-empty");
  await page.getByRole("link", { name: "Settings → General" }).first().click();
  await page.getByLabel(/Keep the prompt and response/).check();
  await page.getByRole("button", { name: "Save capture setting" }).click();
  await expect(page.getByText("Saved. It applies to calls logged from now on.")).toBeVisible();

  const key = await (await team.createKey("sdk", "ingest")).inputValue();
  const ingested = await request.post("/api/v1/ingest", { headers: { authorization: `Bearer ${key}` }, data: { events: calls() } });
  expect((await ingested.json()).accepted).toBe(22);

  await page.goto(`/${slug}/evaluators`);
  await expect(page.getByText("It is on for this team.")).toBeVisible();
  const form = page.getByRole("form", { name: "New evaluator" });
  await form.getByLabel("Name").fill("Invoice JSON");
  await expect(form.getByLabel("Kind")).toHaveValue("json_schema");
  await form.getByLabel("JSON Schema").fill('{ "type": "object", ');
  await form.getByRole("checkbox", { name: "extract" }).check();
  await form.getByRole("button", { name: "Create evaluator" }).click();
  await expect(form.locator("#config\\.schema-error")).toContainText("is not valid JSON");
  await expect(form.getByRole("alert").filter({ hasText: "Not saved" })).toContainText("config.schema");
  await expect(form.getByLabel("Name")).toHaveValue("Invoice JSON"); // a refused form keeps what was typed

  await form.getByLabel("JSON Schema").fill(JSON.stringify(SCHEMA, null, 2));
  await form.getByRole("button", { name: "Create evaluator" }).click();
  await expect(page.getByText("Created as version 1.")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Invoice JSON" })).toBeVisible();

  // Over the past day: the form says how many calls first (the extract calls with output, not classify).
  const run = page.getByRole("form", { name: "Run over past calls" });
  await expect(run.getByRole("status")).toContainText("Goes through 20 calls");
  const to = await run.getByLabel("To (included)").inputValue();
  await run.getByLabel("From", { exact: true }).fill(new Date(Date.parse(to) - 86_400_000).toISOString().slice(0, 10));
  await run.getByLabel("To (included)").fill("2000-01-01");
  await expect(run.getByRole("status")).toContainText("To: must be on or after the start date");
  await run.getByLabel("To (included)").fill(to);
  await expect(run.getByRole("status")).toContainText("Goes through 20 calls");
  await run.getByRole("button", { name: "Run over past calls" }).click();
  await expect(run.getByText("Started.")).toBeVisible();
  const job = page.getByRole("list", { name: "Runs over past calls" }).getByRole("listitem").first();
  await expect(job).toContainText("done", { timeout: 30_000 });
  await expect(job).toContainText("20 / 20 calls");
  await expect(job.getByRole("progressbar")).toHaveAttribute("aria-valuenow", "20");
  await expect(page.getByText("14 pass · 6 fail")).toBeVisible();
  await screenshots(page, "evaluator");

  await page.goto(`/${slug}/evaluators`);
  const row = page.getByRole("table", { name: "Evaluators" }).getByRole("row", { name: /Invoice JSON/ });
  await expect(row).toContainText("JSON Schema");
  await expect(row).toContainText("extract · all models · production and shadow");
  await expect(row).toContainText("70% pass");
  await expect(row).toContainText("14 pass · 6 fail");
  await screenshots(page, "evaluators");

  // A member sees the results and the runs, and no way to change or run anything.
  const inviteUrl = await team.createInvite("member");
  const guestContext = await browser.newContext();
  const guest = await guestContext.newPage();
  await guest.goto(inviteUrl);
  await guest.getByRole("link", { name: "Create an account" }).click();
  await expect(guest).toHaveURL(/\/sign-up\?callbackUrl=/);
  await new AuthPages(guest).signUp(`member-${crypto.randomBytes(3).toString("hex")}@example.test`, "member-password-1");
  await guest.getByRole("button", { name: "Join team" }).click();
  await expect(guest.getByText("Role: member")).toBeVisible();
  await guest.goto(`/${slug}/evaluators`);
  await expect(guest.getByRole("table", { name: "Evaluators" })).toContainText("14 pass · 6 fail");
  await expect(guest.getByRole("form", { name: "New evaluator" })).toHaveCount(0);
  await guest.getByRole("link", { name: "View Invoice JSON" }).click();
  await expect(guest.getByRole("heading", { name: "Definition" })).toBeVisible();
  await expect(guest.getByRole("list", { name: "Runs over past calls" })).toContainText("20 / 20 calls");
  await expect(guest.getByRole("form", { name: /Change evaluator|Run over past calls/ })).toHaveCount(0);
  await expect(guest.getByRole("button", { name: "Cancel" })).toHaveCount(0);
  await guestContext.close();
});
