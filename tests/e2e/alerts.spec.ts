// The Alerts page end to end: an owner with 100 failing-heavy extract calls creates a success alert through
// the form (a rate above 100% is refused next to its field), the team's job evaluates it at once, the
// firing shows with its evidence and the bell counts it until marked read. Screenshots at 1280 and 390 px.
import crypto from "node:crypto";
import { expect, test } from "@playwright/test";
import { AnalyticsPages } from "./pages/analytics";
import { AuthPages } from "./pages/auth";
import { TeamPages } from "./pages/team";

test("an alert created on the page fires on the team's traffic, and the bell counts it until read", async ({ page, request }) => {
  test.setTimeout(90_000);
  await new AuthPages(page).signUp(`alerts-${crypto.randomBytes(3).toString("hex")}@example.test`, "alerts-password-1");
  await expect(page.getByText("No calls logged yet")).toBeVisible();
  const team = new TeamPages(page);
  const slug = team.slug();
  const key = await (await team.createKey("sdk", "ingest")).inputValue();
  // Whole minutes before now: an evaluation's window ends at the start of its minute.
  const now = Date.now();
  const events = Array.from({ length: 100 }, (_, i) => ({
    id: `x-${i}-${crypto.randomBytes(3).toString("hex")}`, timestamp: now - 90_000 - i * 20_000, taskType: "extract", model: "gpt-5.4-nano",
    inputTokens: 400, outputTokens: 40, latencyMs: 600, status: "ok", outcome: i < 70 ? "success" : "failure",
  }));
  expect((await (await request.post("/api/v1/ingest", { headers: { authorization: `Bearer ${key}` }, data: { events } })).json()).accepted).toBe(100);

  await page.goto(`/${slug}/alerts`);
  await expect(page.getByText("No alerts yet.")).toBeVisible();
  await page.getByLabel("Name").fill("Extract success");
  await page.getByLabel("Task type").selectOption("extract");
  await page.getByLabel("Success below (%)").fill("150");
  await page.getByRole("button", { name: "Create alert" }).click();
  await expect(page.locator("#threshold-error")).toHaveText("must be between 0 and 100");
  await page.getByLabel("Success below (%)").fill("90");
  await page.getByRole("button", { name: "Create alert" }).click();
  await expect(page.getByText("Alert created")).toBeVisible();

  // 70% of 100 labeled: its 99% interval (57-80%) lies below 90%. The job's first evaluation runs at once.
  const firings = page.getByRole("table", { name: "Alert firings" });
  await expect(async () => {
    await page.reload();
    await expect(firings).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 30_000 });
  await expect(firings.getByRole("row").nth(1)).toContainText(/Extract success.*70\.0%, n = 100 \(99%: 5\d\.\d%–8\d\.\d%\).*firing/s);
  await expect(page.getByRole("link", { name: "Alerts, 1 unread firing" })).toBeVisible();
  await new AnalyticsPages(page).screenshots("alerts");
  await page.setViewportSize({ width: 390, height: 900 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.setViewportSize({ width: 1280, height: 900 });

  await page.getByRole("button", { name: "Mark all read" }).click();
  await expect(page.getByRole("link", { name: "Alerts", exact: true })).toBeVisible();
  await expect(page.getByText("All read.")).toBeVisible();
});
