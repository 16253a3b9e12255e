import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { defineConfig } from "@playwright/test";
import { E2E_OTHER_TEAM } from "./tests/e2e/other-team";

const PORT = Number(process.env.E2E_PORT ?? 3100);

// A fresh embedded database per run; the server is the production build (`npm run test:e2e` builds first).
const dataDir = process.env.E2E_DATA_DIR ?? fs.mkdtempSync(path.join(os.tmpdir(), "switchyard-e2e-"));

export default defineConfig({
  testDir: "tests/e2e",
  timeout: 60_000,
  // While the demo seeds (the first minute), the embedded database serves pages between its batches, and with
  // CI's PostgreSQL tests beside the specs a page has taken over 10 s (a fresh clone's cross-team spec, once).
  expect: { timeout: 20_000 },
  // One at a time: the server (one process, the embedded database in it) is what the specs wait on; two
  // workers made each spec slower and the run no shorter.
  workers: 1,
  reporter: [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    browserName: "chromium",
    trace: "retain-on-failure",
    launchOptions: {
      // Debian's chromium: Playwright cannot download its own browser here.
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    },
  },
  // The demo team seeds for about a minute after start; the specs on fresh teams run meanwhile, and the
  // specs that read the demo come after them.
  // The evaluators spec runs after the demo is ready too: the demo's evaluator backfill holds the embedded
  // database for seconds at a time, and in two CI runs the spec's saves waited past their timeouts behind it.
  projects: [
    { name: "fresh teams", testIgnore: /(analytics|evaluators)\.spec\.ts$/ },
    { name: "demo team", testMatch: /(analytics|evaluators)\.spec\.ts$/, dependencies: ["fresh teams"] },
  ],
  webServer: {
    command: "node server.mjs",
    url: `http://127.0.0.1:${PORT}/api/auth/providers`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "pipe",
    env: {
      HOST: "127.0.0.1",
      PORT: String(PORT),
      SWITCHYARD_DATA_DIR: dataDir,
      NEXT_TELEMETRY_DISABLED: "1",
      // The demo team seeds in the background while the first specs run; the analytics spec waits for it.
      SWITCHYARD_DEMO: "1",
      // Ten days rather than thirty: the pages and their agreement are the same, and seeding (CPU the fresh
      // teams' specs share) takes a third as long.
      SWITCHYARD_DEMO_DAYS: "10",
      // A second team that the test users never join: the cross-team checks aim at it.
      SWITCHYARD_INIT_EMAIL: E2E_OTHER_TEAM.email,
      SWITCHYARD_INIT_PASSWORD: E2E_OTHER_TEAM.password,
      SWITCHYARD_INIT_TEAM: E2E_OTHER_TEAM.name,
      SWITCHYARD_INIT_INGEST_KEY: E2E_OTHER_TEAM.ingestKey,
    },
  },
});
