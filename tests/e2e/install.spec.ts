// The install page: a fresh ingest key in the snippet, the SDK package served by the server, and the
// live wait turning into the first event when an app using the SDK makes a call.
import crypto from "node:crypto";
import { gunzipSync } from "node:zlib";
import { expect, test } from "@playwright/test";
import OpenAI from "openai";
import { Switchyard } from "@switchyard/sdk";
import { startFakeOpenAI } from "../../packages/fake-openai/src/server";
import { AuthPages } from "./pages/auth";
import { TeamPages } from "./pages/team";

test("a new user installs the SDK and sees the first event arrive", async ({ page, baseURL, request }) => {
  const email = `install-${crypto.randomBytes(3).toString("hex")}@example.test`;
  await new AuthPages(page).signUp(email, "install-password-1");
  await expect(page.getByText("No calls logged yet")).toBeVisible();
  const slug = new TeamPages(page).slug();
  await page.getByRole("link", { name: "Install the SDK" }).first().click();
  await expect(page).toHaveURL(new RegExp(`/${slug}/install$`));
  await expect(page.getByText(`npm install ${baseURL}/sdk/switchyard-sdk.tgz openai`)).toBeVisible();
  await expect(page.getByText("Waiting for your first event…")).toBeVisible();
  await page.getByRole("button", { name: "Create an ingest key for this snippet" }).click();
  const snippet = page.getByTestId("install-snippet");
  // This spec runs in the first minute, while the demo seeds the embedded database beside it: in a fresh-clone
  // CI run the page's refresh after the key was made took over 20 s (status "Loading…" at the timeout).
  await expect(snippet).toContainText('apiKey: "sy_', { timeout: 60_000 });
  const key = /apiKey: "(sy_[^"]+)"/.exec((await snippet.textContent())!)![1];

  // The package the install command points at is served and is the SDK.
  const tgz = await request.get("/sdk/switchyard-sdk.tgz");
  expect(tgz.status()).toBe(200);
  expect(gunzipSync(await tgz.body()).toString("latin1")).toContain('"name": "@switchyard/sdk"');

  // An app makes one call through the SDK.
  const fake = await startFakeOpenAI();
  const sy = new Switchyard({ apiKey: key, baseUrl: baseURL!, onWarning: () => undefined });
  try {
    const openai = sy.wrap(new OpenAI({ apiKey: "sk-fake", baseURL: fake.url, maxRetries: 0 }));
    await openai.chat.completions.create({ model: "auto", messages: [{ role: "user", content: "Is this a refund?" }] }, { switchyard: { taskType: "classify" } } as never);
    await sy.flush();
  } finally {
    await sy.close();
    await fake.close();
  }
  await expect(page.getByText(/First event received: classify on gpt-5.4-mini/)).toBeVisible({ timeout: 10_000 });
});
