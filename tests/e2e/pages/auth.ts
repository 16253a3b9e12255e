import { expect, type Page } from "@playwright/test";

export class AuthPages {
  constructor(private readonly page: Page) {}

  async signUp(email: string, password: string, name = "") {
    if (!this.page.url().includes("/sign-up")) await this.page.goto("/sign-up");
    if (name) await this.page.getByLabel("Name (optional)").fill(name);
    await this.page.getByLabel("Email").fill(email);
    await this.page.getByLabel("Password").fill(password);
    await this.page.getByRole("button", { name: "Create account" }).click();
  }

  async signIn(email: string, password: string) {
    if (!this.page.url().includes("/sign-in")) await this.page.goto("/sign-in");
    await this.page.getByLabel("Email").fill(email);
    await this.page.getByLabel("Password").fill(password);
    await this.page.getByRole("button", { name: "Sign in", exact: true }).click();
  }

  async signOut() {
    await this.page.getByRole("button", { name: "Sign out" }).first().click();
    await expect(this.page).toHaveURL(/\/sign-in/);
  }
}
