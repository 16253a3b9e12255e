import { expect, type Locator, type Page } from "@playwright/test";
import { DEMO_USER } from "../../../lib/demo/seed";
import { AuthPages } from "./auth";

/** The analytics pages of the demo team: charts, tables, filters and screenshots at two widths. */
export class AnalyticsPages {
  constructor(private readonly page: Page) {}

  /** Signs in as the demo user once the background seeding has created it, and waits for its tool_agent runs. */
  async openDemo() {
    await expect(async () => {
      await new AuthPages(this.page).signIn(DEMO_USER.email, DEMO_USER.password);
      await expect(this.page).toHaveURL(/\/demo$/, { timeout: 15_000 });
    }).toPass({ timeout: 60_000 });
    await expect(async () => {
      await this.page.goto("/demo/tasks?range=30d");
      await expect(this.page.getByRole("link", { name: "tool_agent" }).first()).toBeVisible({ timeout: 2000 });
    }).toPass({ timeout: 90_000 });
    // Then its evaluators and reviews (they relabel calls, so numbers compared across pages wait for them).
    await expect(async () => {
      await this.page.goto("/demo/evaluators");
      await expect(this.page.getByText("Summary covers the whole report").first()).toBeVisible({ timeout: 2000 });
      await this.page.goto("/demo/review");
      await expect(this.page.getByText("Reviews", { exact: true }).locator("..")).not.toContainText(/^Reviews0$/, { timeout: 2000 });
    }).toPass({ timeout: 120_000 });
  }

  chart(kind: "series" | "share" | "distribution" | "ranked"): Locator {
    return this.page.locator(`figure[data-chart="${kind}"]`).first();
  }

  /** The chart's svg drew marks for its data: bars with a height, or donut sectors with a shape. */
  async expectPlotted(kind: "series" | "share" | "distribution") {
    const marks = this.chart(kind).locator("svg .recharts-bar-rectangle rect, svg path.recharts-sector");
    await expect(marks.first()).toBeAttached();
    const drawn = await marks.evaluateAll((els) =>
      els.filter((el) => (el.tagName === "rect" ? Number(el.getAttribute("height")) > 0 : (el.getAttribute("d") ?? "").length > 10)).length);
    expect(drawn).toBeGreaterThan(1);
  }

  /** The Simulate page's cost-against-success chart drew a point per model. */
  async expectPlottedFrontier() {
    const dots = this.page.locator('figure[data-chart="frontier"]').first().locator("svg .recharts-scatter-symbol, svg .recharts-symbols");
    await expect(dots.first()).toBeAttached();
    expect(await dots.count()).toBeGreaterThan(1);
  }

  async screenshots(name: string) {
    for (const width of [1280, 390]) {
      await this.page.setViewportSize({ width, height: 900 });
      await this.page.screenshot({ path: `test-results/screenshots/${name}-${width}.png`, fullPage: true });
    }
    await this.page.setViewportSize({ width: 1280, height: 900 });
  }

  /** At 1280 px the table shows every column without scrolling sideways. */
  async expectFits(table: Locator) {
    await this.page.setViewportSize({ width: 1280, height: 900 });
    const box = await table.evaluate((t) => ({ table: t.scrollWidth, frame: t.parentElement!.clientWidth }));
    expect(box.table, `table ${box.table}px in a ${box.frame}px card`).toBeLessThanOrEqual(box.frame);
  }

  /** At 1280 px nothing on the page is wider than its card: no table scrolls sideways, no chart spills out. */
  async expectPageFits() {
    await this.page.setViewportSize({ width: 1280, height: 900 });
    const problems = await this.page.evaluate(() => {
      const out: string[] = [];
      if (document.documentElement.scrollWidth > window.innerWidth) out.push(`page ${document.documentElement.scrollWidth}px wide`);
      for (const t of document.querySelectorAll("table")) {
        if (t.scrollWidth > t.parentElement!.clientWidth) out.push(`table "${t.querySelector("caption")?.textContent}" ${t.scrollWidth}px in ${t.parentElement!.clientWidth}px`);
      }
      for (const f of document.querySelectorAll("figure")) {
        const svg = f.querySelector("svg");
        if (svg && svg.getBoundingClientRect().right > f.getBoundingClientRect().right + 1) out.push(`chart "${f.getAttribute("aria-label")}" spills out`);
      }
      return out;
    });
    expect(problems, this.page.url()).toEqual([]);
  }

  /** A Stat's figure by its label. */
  async stat(label: string) {
    return (await this.page.locator("dt", { hasText: new RegExp(`^${label}$`) }).first().locator("..").locator("dd").first().innerText()).trim();
  }

  columnValues(table: Locator, column: number) {
    return table.locator(`tbody tr td:nth-child(${column})`).allInnerTexts();
  }
}
