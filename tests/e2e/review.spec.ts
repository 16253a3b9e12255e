// The review queue end to end: a new team with content capture samples today's calls, a reviewer works
// through ten of them by keyboard alone, and Simulate's review cost per failure becomes the measured one.
// Screenshots of Review and Simulate at 1280 and 390 px.
import crypto from "node:crypto";
import { expect, test } from "@playwright/test";
import { AnalyticsPages } from "./pages/analytics";
import { AuthPages } from "./pages/auth";
import { TeamPages } from "./pages/team";

test("review ten calls by keyboard alone, and Simulate takes the measured review cost", async ({ page, request }) => {
  test.setTimeout(120_000);
  await new AuthPages(page).signUp(`review-${crypto.randomBytes(3).toString("hex")}@example.test`, "review-password-1");
  await expect(page.getByText("No calls logged yet")).toBeVisible();
  const team = new TeamPages(page);
  const slug = team.slug();
  const admin = await (await team.createKey("admin", "admin")).inputValue();
  const ingest = await (await team.createKey("sdk", "ingest")).inputValue();
  const settings = await request.patch("/api/v1/settings", { headers: { authorization: `Bearer ${admin}` }, data: { captureContent: true } });
  expect((await settings.json()).captureContent).toBe(true);
  const now = Date.now();
  const events = ["gpt-5.4-mini", "gpt-5.4-nano"].flatMap((model) => Array.from({ length: 6 }, (_, i) => ({
    id: `rv-${model}-${i}-${crypto.randomBytes(3).toString("hex")}`, timestamp: now - (i + 1) * 1000, taskType: "extract", model, inputTokens: 300, outputTokens: 40,
    latencyMs: 500, status: "ok", input: JSON.stringify({ messages: [{ role: "user", content: `Invoice ${i}` }] }), output: JSON.stringify({ invoice: `A-${i}`, total: i * 10 }),
  })));
  expect((await (await request.post("/api/v1/ingest", { headers: { authorization: `Bearer ${ingest}` }, data: { events } })).json()).accepted).toBe(12);

  // The plan: five calls per task type × model a day, reviewer time at $60 an hour.
  await page.goto(`/${slug}/review`);
  await page.getByLabel("Calls per task type × model per day").fill("5");
  await page.getByLabel("Reviewer cost ($ per hour)").fill("60");
  await page.getByRole("button", { name: "Save review plan" }).click();
  await expect(page.getByText("Saved.")).toBeVisible();
  await page.reload();
  const list = page.getByRole("list", { name: "Calls to review" });
  await expect(list.getByRole("listitem")).toHaveCount(10);
  await expect(page.getByRole("region", { name: "Call under review" })).toContainText('"invoice"');
  await new AnalyticsPages(page).screenshots("review");

  // Ten verdicts, keys only: pass, fail, pass, … each one saved before the next key.
  // After the last held item the screen asks for more, and today's sample is done: the list gives way.
  for (let n = 0; n < 10; n++) {
    await page.keyboard.press(n % 3 === 2 ? "2" : "1");
    if (n < 9) await expect(list.getByRole("button", { name: /^[✓✗] / })).toHaveCount(n + 1);
  }
  await expect(page.getByText("Nothing to review right now")).toBeVisible();
  await page.reload();
  await expect(page.getByText("Nothing to review right now")).toBeVisible();
  await expect(page.getByText("Reviews", { exact: true }).locator("..")).toContainText("10");

  await page.goto(`/${slug}/simulate`);
  await expect(page.getByText(/Measured: \$[\d.]+ a review \(median \d+ s at \$60(\.00)?\/h, 10 reviews in 30 days\)/)).toBeVisible();
  const measured = await page.getByLabel("Review cost per failure ($)").inputValue();
  expect(Number(measured)).toBeGreaterThanOrEqual(0);
  await new AnalyticsPages(page).screenshots("simulate-review-cost");
});
