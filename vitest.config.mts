import path from "node:path";
import { defineConfig } from "vitest/config";

const alias = {
  // Listed before the package root: the first alias whose key prefixes the import wins.
  "@switchyard/sdk/core": path.resolve(import.meta.dirname, "packages/sdk/src/core.ts"),
  "@switchyard/sdk": path.resolve(import.meta.dirname, "packages/sdk/src/index.ts"),
  "@": path.resolve(import.meta.dirname),
};

// CI's second phase runs the integration tests again on PostgreSQL, except those whose subject is not the
// database: the SDK (as a package, its client surface, framework fetch hooks, its batching, refusals and
// capture, its guard loop; the SDK's path through PostgreSQL faults is postgres/fault), instrumentation
// libraries' spans, sign-in providers, and the simulator's accuracy on a world paced in wall time (45 s).
const NOT_ABOUT_THE_DATABASE = [
  "sdk-package", "sdk-surface", "sdk-fetch", "sdk", "sdk-refusals", "sdk-capture", "guard-sdk", "otlp", "github-sign-in", "prediction",
];

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          sequence: { groupOrder: 0 },
          include: ["lib/**/*.test.ts", "components/**/*.test.ts", "prisma/**/*.test.ts", "packages/**/src/**/*.test.ts"],
          exclude: ["**/*.integration.test.ts", "**/node_modules/**"],
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          sequence: { groupOrder: 1 },
          // tests/integration/postgres/ holds what only a real server can show (several processes at once).
          include: ["tests/integration/*.integration.test.ts", ...(process.env.DATABASE_URL ? ["tests/integration/postgres/*.integration.test.ts"] : [])],
          exclude: process.env.DATABASE_URL ? NOT_ABOUT_THE_DATABASE.map((n) => `tests/integration/${n}.integration.test.ts`) : [],
          globalSetup: ["tests/integration/global-setup.ts"],
          setupFiles: ["tests/integration/setup.ts"],
          // Each file gets its own fresh database (tests/integration/setup.ts); two workers fit 2 cores.
          maxWorkers: 2,
          // The PostgreSQL phase of CI runs at the lowest CPU priority beside the end-to-end specs, where a
          // 700-run property test has taken over 30 s; the limit is there to catch hangs, not to time tests.
          testTimeout: process.env.DATABASE_URL ? 120_000 : 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
