// A new user's first session, as issue 2 describes it: sign up, create and copy a key, sign out and in,
// switch teams, invite a viewer who cannot create keys, revoke the key.
import crypto from "node:crypto";
import { expect, test } from "@playwright/test";
import { AuthPages } from "./pages/auth";
import { TeamPages } from "./pages/team";

test.describe.configure({ mode: "serial" });

const run = crypto.randomBytes(3).toString("hex");
const owner = { email: `owner-${run}@example.test`, password: "owner-password-1", name: "Olive" };
const viewer = { email: `viewer-${run}@example.test`, password: "viewer-password-1" };

test("sign up, create a key, sign out and in, switch teams, invite a viewer, revoke the key", async ({ browser, request, baseURL }) => {
  const context = await browser.newContext();
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: baseURL });
  const page = await context.newPage();
  const auth = new AuthPages(page);
  const team = new TeamPages(page);

  // Sign-up refuses a short password, naming the field, then succeeds.
  await page.goto("/");
  await expect(page).toHaveURL(/\/sign-in/);
  await page.getByRole("link", { name: "Create an account" }).click();
  await expect(page).toHaveURL(/\/sign-up/);
  await auth.signUp(owner.email, "short", owner.name);
  await expect(page.getByText("Use at least 10 characters for your password.")).toBeVisible();
  await expect(page.getByLabel("Email")).toHaveValue(owner.email);
  await auth.signUp(owner.email, owner.password, owner.name);
  await expect(page.getByRole("heading", { name: "Olive's team" })).toBeVisible();
  await expect(page.getByText("No calls logged yet")).toBeVisible();
  const personal = team.slug();

  // A second sign-up with the same email is refused.
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await new AuthPages(otherPage).signUp(owner.email, "another-password-1");
  await expect(otherPage.getByText(/already exists/)).toBeVisible();
  await other.close();

  // Create a key, copy the secret, and use it.
  const secretBox = await team.createKey("ci key", "ingest");
  await page.getByRole("button", { name: "Copy" }).click();
  await expect(page.getByRole("button", { name: "Copied" })).toBeVisible();
  const secret = await page.evaluate(() => navigator.clipboard.readText());
  expect(secret).toBe(await secretBox.inputValue());
  const policy = await request.get("/api/v1/policy", { headers: { authorization: `Bearer ${secret}` } });
  expect(policy.status()).toBe(200);
  expect(await policy.json()).toMatchObject({ version: 0, policy: { defaultModel: "gpt-5.4-mini" } });
  await page.reload();
  await expect(page.getByRole("cell", { name: "ci key" })).toBeVisible();
  await expect(page.getByLabel("New API key secret")).toHaveCount(0); // shown once only

  // Sign out, fail with a wrong password, sign in.
  await auth.signOut();
  await auth.signIn(owner.email, "wrong-password-1");
  await expect(page.getByText("Wrong email or password.")).toBeVisible();
  await auth.signIn(owner.email, owner.password);
  await expect(page).toHaveURL(new RegExp(`/${personal}$`));

  // Create a second team, then switch back.
  await team.createTeam("Platform Eval");
  await expect(page).toHaveURL(/\/platform-eval$/);
  await expect(page.getByRole("heading", { name: "Platform Eval" })).toBeVisible();
  await page.getByRole("link", { name: "Settings" }).click();
  await page.getByLabel("Team name").fill("Platform Evaluation");
  await page.getByRole("button", { name: "Save name" }).click();
  await expect(page.getByText("Team renamed.")).toBeVisible();
  await expect(page.getByLabel("Switch team").first()).toContainText("Platform Evaluation");
  await expect(page).toHaveURL(/\/platform-eval\/settings$/); // the address does not move
  await team.switchTo("Olive's team");
  await expect(page).toHaveURL(new RegExp(`/${personal}$`));

  // Invite a viewer; they sign up through the link and join.
  const inviteUrl = await team.createInvite("viewer");
  const guestContext = await browser.newContext();
  const guest = await guestContext.newPage();
  await guest.goto(inviteUrl);
  await expect(guest.getByRole("heading", { name: "Join Olive's team" })).toBeVisible();
  await guest.getByRole("link", { name: "Create an account" }).click();
  await expect(guest).toHaveURL(/\/sign-up\?callbackUrl=/);
  await new AuthPages(guest).signUp(viewer.email, viewer.password);
  await expect(guest).toHaveURL(/\/invite\//);
  await guest.getByRole("button", { name: "Join team" }).click();
  await expect(guest).toHaveURL(new RegExp(`/${personal}$`));
  await expect(guest.getByText("Role: viewer")).toBeVisible();

  // The viewer sees keys but cannot create or revoke them.
  await guest.goto(`/${personal}/settings/api-keys`);
  await expect(guest.getByText("Only owners and admins can create API keys.")).toBeVisible();
  await expect(guest.getByRole("button", { name: "Create key" })).toHaveCount(0);
  await expect(guest.getByRole("button", { name: "Revoke" })).toHaveCount(0);
  await guest.goto(`/${personal}/settings`);
  await expect(guest.getByLabel("Team name")).toBeDisabled();

  // The link is spent.
  await guest.goto(inviteUrl);
  await expect(guest.getByText(/already been used/)).toBeVisible();
  await guestContext.close();

  // Revoking the key stops it at once.
  await page.goto(`/${personal}/settings/api-keys`);
  page.once("dialog", (d) => d.accept());
  await page.getByRole("button", { name: "Revoke" }).click();
  await expect(page.getByText(/^Revoked/)).toBeVisible();
  const refused = await request.get("/api/v1/policy", { headers: { authorization: `Bearer ${secret}` } });
  expect(refused.status()).toBe(401);
  await context.close();
});

test("a bad invite token gets a clear message", async ({ page }) => {
  await page.goto("/invite/not-a-real-token");
  await expect(page.getByText("This invite link is not valid.")).toBeVisible();
});
