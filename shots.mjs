// usage: node shots.mjs base path1 path2 ...
import { chromium } from "@playwright/test";
const [base, ...paths] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
for (const width of [1280, 390]) {
  const page = await browser.newPage({ viewport: { width, height: 900 } });
  await page.goto(`${base}/sign-in`);
  await page.getByLabel("Email").fill("demo@switchyard.local");
  await page.getByLabel("Password").fill("switchyard-demo");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.waitForURL((u) => !u.pathname.startsWith("/sign-in"));
  for (const p of paths) {
    const t = Date.now();
    await page.goto(`${base}${p}`);
    await page.waitForTimeout(800);
    const name = p.replace(/[^a-z0-9]+/gi, "_") || "root";
    await page.screenshot({ path: `/tmp/shots/${name}-${width}.png`, fullPage: true });
    console.log(width, p, Date.now() - t, "ms");
  }
}
await browser.close();
