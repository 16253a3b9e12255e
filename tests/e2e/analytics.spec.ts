// The dashboards on the demo team: charts drawn from data, sortable table and CSV, filters that narrow
// the calls list, a call's page, agent runs; screenshots of each page at 1280 and 390 px.
import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { AnalyticsPages } from "./pages/analytics";

test.describe.configure({ mode: "serial" });

test("overview, task types and a task type's comparison draw their charts from the demo traffic", async ({ page }) => {
  test.setTimeout(180_000);
  const demo = new AnalyticsPages(page);
  await demo.openDemo();

  await page.goto("/demo");
  await demo.expectPlotted("series");
  await demo.expectPlotted("share");
  await expect(demo.chart("ranked")).toContainText("tool_agent");
  await expect(page.getByText("Cost per successful task")).toBeVisible();
  await demo.screenshots("overview");

  // The editor's preview baseline is the same 7 days as the Overview's card: the same dollars.
  const week = (await page.locator("dt", { hasText: /^Last 7 days$/ }).locator("..").locator("dd").first().innerText()).trim();
  await page.goto("/demo/policies/edit");
  const preview = page.getByRole("region", { name: "Preview" });
  await expect(preview.getByRole("status")).toHaveText("Up to date.", { timeout: 30_000 });
  const baseline = (await preview.getByTestId("preview-totals").locator("dd").first().innerText()).split("→")[0].trim();
  expect(baseline).toBe(week);

  await page.goto("/demo?range=24h");
  await expect(page.getByRole("link", { name: "24 h" })).toHaveAttribute("aria-current", "true");
  await page.goto("/demo?range=custom&from=2026-11-10&to=2026-11-01");
  await expect(page.getByRole("alert").filter({ hasText: "custom range" })).toContainText("end date (to)");

  await page.goto("/demo/tasks");
  const table = page.getByRole("table", { name: /^Task types by model/ });
  // count() does not wait: the page streams its table in after the heading.
  await expect(table.locator("tbody tr").first()).toBeVisible();
  const rows = await table.locator("tbody tr").count();
  expect(rows).toBeGreaterThanOrEqual(8);
  const success = table.getByRole("columnheader", { name: /Success/ });
  await success.getByRole("button").focus();
  await page.keyboard.press("Enter");
  await expect(success).toHaveAttribute("aria-sort", "descending");
  const rates = (await demo.columnValues(table, 7)).map((t) => parseFloat(t));
  expect(rates).toEqual([...rates].sort((a, b) => b - a));
  await demo.screenshots("task-types");
  await demo.expectFits(table);
  // Columns beyond the ten that fit are one click away.
  await expect(page.getByRole("columnheader", { name: /^Calls/ })).toHaveCount(0);
  await page.getByText(/^Columns \(/).click();
  await page.getByRole("checkbox", { name: "Calls" }).check();
  await expect(page.getByRole("columnheader", { name: /^Calls/ })).toBeVisible();

  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download CSV" }).click();
  const csv = fs.readFileSync(await (await download).path(), "utf8").trim().split("\r\n");
  expect(csv[0]).toBe("taskType,model,calls,tasks,costUsd,costPerTaskUsd,costPerSuccessUsd,inputTokens,outputTokens,labeled,successRate,errorRate,escalationRate,latencyP50Ms,latencyP95Ms,ttftP50Ms,outputTokensPerSec");
  expect(csv).toHaveLength(rows + 1);

  await page.getByRole("link", { name: "tool_agent" }).first().click();
  await expect(page.getByRole("heading", { name: "tool_agent", level: 1 })).toBeVisible();
  await expect(page.getByRole("status")).toContainText(/On tool_agent gpt-5.4-mini succeeds [\d.]+ points more often than gpt-5.4-nano/);
  await demo.expectPlotted("distribution");
  // Over time: four metrics, a line per model.
  await expect(page.locator('figure[data-chart="trend"]')).toHaveCount(4);
  await expect(page.locator('figure[data-chart="trend"]').first().locator("path.recharts-line-curve")).toHaveCount(2);
  await expect(page.getByRole("table", { name: "Step success by model" })).toBeVisible();
  await demo.screenshots("task-type");
  await demo.expectFits(page.getByRole("table", { name: "Models on tool_agent" }));
});

test("every page fits at 1280 px, and Overview, Task types and Simulate give the same numbers for the same 30 days", async ({ page }) => {
  test.setTimeout(180_000);
  const demo = new AnalyticsPages(page);
  await demo.openDemo();
  for (const path of ["/demo", "/demo/tasks", "/demo/tasks/extract", "/demo/simulate", "/demo/policies", "/demo/policies/edit", "/demo/calls", "/demo/traces", "/demo/evaluators", "/demo/review"]) {
    await page.goto(`${path}${path.includes("policies") ? "" : "?range=30d"}`);
    await demo.expectPageFits();
  }

  await page.goto("/demo?range=30d");
  const overview = { spend: await demo.stat("Last 30 days"), tasks: await demo.stat("Tasks"), success: await demo.stat("Success rate") };
  // The Overview's trend marks the demo's three policy versions, the rollback in red.
  await expect(page.locator('figure[data-chart="trend"]').first()).toContainText("v3 ↩");

  await page.goto("/demo/simulate?range=30d");
  const totals = page.getByRole("table", { name: "Baseline and projected totals" });
  const happened = async (row: string) => (await totals.getByRole("row", { name: new RegExp(`^${row}`) }).locator("td").nth(1).innerText()).split("\n")[0].trim();
  expect(await happened("Tasks")).toBe(overview.tasks);
  expect(await happened("Model cost")).toBe(overview.spend);
  expect(await happened("Success")).toBe(overview.success);
  await expect(page.getByText(`was ${overview.success}`)).toBeVisible();

  // Task types: the tasks of every task type and model add up to the Overview's.
  await page.goto("/demo/tasks?range=30d");
  await page.getByText(/^Columns \(/).click();
  await page.getByRole("checkbox", { name: "Tasks" }).check();
  const table = page.getByRole("table", { name: /^Task types by model/ });
  const tasksColumn = (await table.locator("thead th").allInnerTexts()).findIndex((h) => /^Tasks/.test(h)) + 1;
  const tasks = (await demo.columnValues(table, tasksColumn)).reduce((n, t) => n + Number(t.replace(/,/g, "")), 0);
  expect(tasks.toLocaleString("en-US")).toBe(overview.tasks);
});

test("filters narrow the calls list, pages go back in time, and a call and a run open", async ({ page }) => {
  test.setTimeout(120_000);
  const demo = new AnalyticsPages(page);
  await demo.openDemo();

  await page.goto("/demo/calls?range=30d");
  const table = page.getByRole("table", { name: "Calls, newest first" });
  await expect(table.locator("tbody tr")).toHaveCount(50);
  expect(new Set(await demo.columnValues(table, 2)).size).toBeGreaterThan(1);

  await page.getByLabel("Task type").selectOption("extract");
  await page.getByLabel("Outcome").selectOption("failure");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/taskType=extract/);
  await expect(table.locator("tbody tr").first()).toBeVisible();
  expect(new Set(await demo.columnValues(table, 2))).toEqual(new Set(["extract"]));
  expect(new Set(await demo.columnValues(table, 5))).toEqual(new Set(["failure"]));
  await demo.screenshots("calls");
  await demo.expectFits(table);

  // The count of matching calls, and the export of exactly those (the page shows 50 at a time). One day
  // of them: counts past 1,000 read "More than 1,000".
  const day = new URL(page.url());
  day.searchParams.set("range", "24h");
  await page.goto(day.toString());
  await expect(table.locator("tbody tr").first()).toBeVisible();
  const counted = Number((await page.getByText(/calls? match/).textContent())!.replace(/[^0-9]/g, ""));
  expect(counted).toBeGreaterThan(50);
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Export CSV" }).click()]);
  const csv = fs.readFileSync((await download.path())!, "utf8").trimEnd().split("\r\n");
  expect(csv[0]).toMatch(/^id,timestamp,taskType,model,/);
  expect(csv.length - 1).toBe(counted);
  expect(new Set(csv.slice(1).map((line) => line.split(",")[2]))).toEqual(new Set(["extract"]));

  // Search finds a call by its id.
  const filtered = page.url();
  // Search matches ids by substring: an id numbered 1000 or more in its demo day ("demo-9-5143") is part of no
  // other id (a day has about 6,700 calls), while "demo-9-514" is part of "demo-9-5140" and its like.
  const ids = (await table.locator("tbody tr td:first-child a").evaluateAll((links) => links.map((a) => a.getAttribute("href")!)))
    .map((href) => decodeURIComponent(href.split("/").at(-1)!.split("?")[0]));
  const someId = ids.find((id) => /-\d{4}$/.test(id)) ?? ids[3];
  await page.getByLabel("Search").fill(someId);
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page.getByText("1 call matches")).toBeVisible();
  await expect(table.locator("tbody tr")).toHaveCount(1);
  await page.goto(filtered);
  await expect(table.locator("tbody tr")).toHaveCount(50);

  const links = () => table.locator("tbody tr td:first-child a").evaluateAll((as) => as.map((a) => a.getAttribute("href")));
  // Full times are in the short times' titles.
  const times = () => table.locator("tbody tr td:first-child a").evaluateAll((as) => as.map((a) => a.getAttribute("title")!));
  const firstPage = { times: await times(), ids: await links() };
  await page.getByRole("link", { name: "Older calls →" }).click();
  await expect(page).toHaveURL(/cursor=/);
  const secondPage = { times: await times(), ids: await links() };
  expect(secondPage.ids.filter((id) => firstPage.ids.includes(id))).toEqual([]);
  expect(Date.parse(secondPage.times[0])).toBeLessThanOrEqual(Date.parse(firstPage.times.at(-1)!));
  expect(new Set(await demo.columnValues(table, 2))).toEqual(new Set(["extract"]));

  await table.locator("tbody tr a").first().click();
  await expect(page.getByRole("heading", { name: /^Call / })).toBeVisible();
  await expect(page.getByText("Input / output tokens")).toBeVisible();
  await demo.screenshots("call");

  // The demo's newest run can be cut short at the moment it was seeded (later steps would lie in the
  // future), so open the newest run with at least three steps.
  await page.goto("/demo/traces");
  const runs = page.getByRole("table", { name: "Agent runs" });
  await expect(runs.locator("tbody tr").first()).toBeVisible();
  await demo.screenshots("traces");
  const stepCounts = (await demo.columnValues(runs, 3)).map(Number);
  const longRun = stepCounts.findIndex((n) => n >= 3);
  expect(longRun).toBeGreaterThanOrEqual(0);
  await runs.locator("tbody tr").nth(longRun).locator("a").first().click();
  await expect(page.getByRole("heading", { name: /^Trace / })).toBeVisible();
  const steps = await demo.columnValues(page.getByRole("table", { name: "Steps in order" }), 1);
  expect(steps.slice(0, 3)).toEqual(["0", "1", "2"]); // stepIndex as sent
  // The timeline draws a bar per call, each starting no earlier than the one above it.
  const bars = page.getByRole("figure", { name: "Run timeline" }).getByRole("link");
  expect(await bars.count()).toBe(steps.length);
  const lefts = await page.locator('figure[data-chart="waterfall"] a span.relative > span').evaluateAll((els) => els.map((el) => parseFloat((el as HTMLElement).style.left)));
  expect(lefts).toEqual([...lefts].sort((a, b) => a - b));
  expect(lefts[0]).toBe(0);
  await demo.screenshots("trace");
});

test("the team's time zone decides where days begin, and a bad zone is refused by name", async ({ page }) => {
  const demo = new AnalyticsPages(page);
  await demo.openDemo();
  await page.goto("/demo/settings");
  await page.getByLabel("Time zone").fill("Mars/Olympus_Mons");
  await page.getByRole("button", { name: "Save time zone" }).click();
  await expect(page.getByText("must be an IANA time zone")).toBeVisible();
  await page.getByLabel("Time zone").fill("Asia/Tokyo");
  await page.getByRole("button", { name: "Save time zone" }).click();
  await expect(page.getByText("Days on every page now start at midnight in this zone.")).toBeVisible();
  await page.goto("/demo?range=7d");
  await expect(page.getByText("Last 7 days, days in Asia/Tokyo")).toBeVisible();
  await expect(page.getByText("since midnight, Asia/Tokyo")).toBeVisible();
});
