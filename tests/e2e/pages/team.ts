import { expect, type Page } from "@playwright/test";

/** The signed-in app: shell navigation, team switching and the settings pages. */
export class TeamPages {
  constructor(private readonly page: Page) {}

  slug() {
    return new URL(this.page.url()).pathname.split("/")[1];
  }

  async switchTo(teamName: string) {
    await this.page.getByLabel("Switch team").first().selectOption({ label: teamName });
  }

  async createTeam(name: string) {
    await this.page.getByLabel("Switch team").first().selectOption({ label: "+ New team…" });
    await expect(this.page).toHaveURL(/\/teams\/new$/);
    await this.page.getByLabel("Team name").fill(name);
    await this.page.getByRole("button", { name: "Create team" }).click();
  }

  async createKey(name: string, scope: "ingest" | "read" | "admin") {
    await this.page.goto(`/${this.slug()}/settings/api-keys`);
    await this.page.getByLabel("Name").fill(name);
    await this.page.getByLabel("Scope").selectOption(scope);
    await this.page.getByRole("button", { name: "Create key" }).click();
    const secret = this.page.getByLabel("New API key secret");
    await expect(secret).toHaveValue(/^sy_/);
    return secret;
  }

  async createInvite(role: "admin" | "member" | "viewer") {
    await this.page.goto(`/${this.slug()}/settings/members`);
    await this.page.getByLabel("Role", { exact: true }).selectOption(role);
    await this.page.getByRole("button", { name: "Create invite link" }).click();
    const link = this.page.getByLabel("Invite link");
    await expect(link).toHaveValue(/\/invite\//);
    return link.inputValue();
  }
}
