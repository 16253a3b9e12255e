// Ingest through the API, then price an unknown model in Settings → Models.
import crypto from "node:crypto";
import { expect, test } from "@playwright/test";
import { AuthPages } from "./pages/auth";
import { TeamPages } from "./pages/team";

test("calls on an unknown model are flagged unpriced until its price is added", async ({ page, request }) => {
  const email = `pricing-${crypto.randomBytes(3).toString("hex")}@example.test`;
  await new AuthPages(page).signUp(email, "pricing-password-1");
  await expect(page.getByText("No calls logged yet")).toBeVisible();
  const team = new TeamPages(page);
  const slug = team.slug();
  const secret = await (await team.createKey("sdk", "ingest")).inputValue();

  const event = (id: string) => ({ id, timestamp: Date.now() - 60_000, taskType: "extract", model: "acme-large", inputTokens: 1000, outputTokens: 100, latencyMs: 800, status: "ok" });
  const res = await request.post("/api/v1/ingest", { headers: { authorization: `Bearer ${secret}` }, data: { events: [event("a"), event("b"), event("a")] } });
  expect(await res.json()).toEqual({ accepted: 2, duplicates: 1, rejected: [] });

  await page.goto(`/${slug}`);
  await expect(page.getByRole("heading", { name: "Last 30 days" })).toBeVisible();
  await expect(page.getByText("2 calls are on models without a price and not in the spend.")).toBeVisible();
  // No price, no cost: the task types table says "unpriced", never $0.00.
  await page.goto(`/${slug}/tasks`);
  await expect(page.getByRole("row", { name: /extract acme-large/ })).toContainText("unpriced");
  await expect(page.getByRole("row", { name: /extract acme-large/ })).not.toContainText("$0.00");
  await page.goto(`/${slug}`);
  await page.getByRole("link", { name: "Add their prices" }).click();
  await expect(page.getByText("acme-large: 2 calls without a price.")).toBeVisible();
  await page.getByRole("link", { name: "Add its price" }).click();
  await expect(page.getByLabel("Model")).toHaveValue("acme-large");
  await page.getByLabel("Input $ / 1M tokens").fill("abc");
  await page.getByLabel("Output $ / 1M tokens").fill("2.00");
  await page.getByRole("button", { name: "Save price" }).click();
  await expect(page.getByText(/Enter the input price in dollars/)).toBeVisible();
  await page.getByLabel("Input $ / 1M tokens").fill("1.00");
  await page.getByLabel("Output $ / 1M tokens").fill("2.00");
  await page.getByLabel("Effective from (UTC)").fill("2020-01-01");
  await page.getByRole("button", { name: "Save price" }).click();
  await expect(page.getByText(/Price saved\. Calls on this model from that date are being re-priced in the background/)).toBeVisible();
  // Re-pricing runs in the background; the page refreshes itself until it is done.
  await expect(page.getByText("without a price")).toHaveCount(0);
  await expect(page.getByText("Re-pricing stored calls")).toHaveCount(0);
  await expect(page.getByRole("row", { name: /acme-large 2020-01-01 \$1\.00 \$2\.00/ })).toBeVisible();
  await page.goto(`/${slug}`);
  // 2 × (1000 × $1 + 100 × $2) per 1M tokens, in the last-30-days card (and today's, unless midnight just passed)
  await expect(page.locator("dt", { hasText: /^Last 30 days$/ }).locator("..")).toContainText("$0.0024");
});
