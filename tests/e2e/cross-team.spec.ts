// A signed-in user of one team gets 404 on every page of a team they are not in, and the API answers
// to keys, never to a session.
import crypto from "node:crypto";
import { expect, test } from "@playwright/test";
import { AuthPages } from "./pages/auth";
import { E2E_OTHER_TEAM } from "./other-team";

const PAGES = ["", "/tasks", "/calls", "/simulate", "/policies", "/settings", "/settings/members", "/settings/api-keys", "/settings/models", "/install"];

test("another team's pages are 404 and its data never shows", async ({ page }) => {
  const email = `outsider-${crypto.randomBytes(3).toString("hex")}@example.test`;
  await new AuthPages(page).signUp(email, "outsider-password-1");
  await expect(page.getByText("No calls logged yet")).toBeVisible();
  const own = new URL(page.url()).pathname;

  for (const suffix of PAGES) {
    const res = await page.goto(`/${E2E_OTHER_TEAM.slug}${suffix}`);
    expect(res?.status(), `/${E2E_OTHER_TEAM.slug}${suffix}`).toBe(404);
    await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
    await expect(page.getByText(E2E_OTHER_TEAM.name)).toHaveCount(0);
  }

  await page.goto(own);
  await expect(page.getByLabel("Switch team").first().locator("option")).not.toContainText([E2E_OTHER_TEAM.name]);
  await page.goto(`${own}/settings/members`);
  await expect(page.getByText(E2E_OTHER_TEAM.email)).toHaveCount(0);

  // The install page's live-wait endpoint answers only members too.
  expect((await page.request.get(`/${E2E_OTHER_TEAM.slug}/install/latest`)).status()).toBe(404);
  expect((await page.request.get(`${own}/install/latest`)).status()).toBe(200);

  // A session cookie is not an API credential.
  const api = await page.request.get("/api/v1/policy");
  expect(api.status()).toBe(401);
  expect((await api.json()).error.code).toBe("unauthorized");
});

test("the other team's key reads only its own team's policy", async ({ request }) => {
  const res = await request.get("/api/v1/policy", { headers: { authorization: `Bearer ${E2E_OTHER_TEAM.ingestKey}` } });
  expect(res.status()).toBe(200);
  expect(res.headers()["etag"]).toBe('"0"');
  const wrong = await request.get("/api/v1/policy", { headers: { authorization: `Bearer ${E2E_OTHER_TEAM.ingestKey}x` } });
  expect(wrong.status()).toBe(401);
});

test("an unknown API path answers 404 in the API's error shape, not an HTML page", async ({ request }) => {
  const res = await request.post("/api/v1/not-there", { data: "{oops", headers: { "content-type": "application/json" } });
  expect(res.status()).toBe(404);
  expect((await res.json()).error.code).toBe("not_found");
});
