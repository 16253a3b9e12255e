// The one place that reads process.env. Parsed once, lazily, so tests can set variables before first use.
import path from "node:path";
import { z } from "zod";

const flag = z.enum(["0", "1", "true", "false"]).transform((v) => v === "1" || v === "true");
const secret = z.string().min(20, "must be at least 20 characters");

const schema = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgres:// or postgresql:// URL")
    .optional(),
  SWITCHYARD_DATA_DIR: z.string().min(1).default(".switchyard"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  SWITCHYARD_DEMO: flag.optional(),
  // Days of demo traffic (about 6,700 calls a day); fewer seed faster on a small machine.
  SWITCHYARD_DEMO_DAYS: z.coerce.number().int().min(1, "must be at least 1").max(90, "must be at most 90").default(30),
  SWITCHYARD_INIT_EMAIL: z.email().optional(),
  SWITCHYARD_INIT_PASSWORD: z.string().min(10, "must be at least 10 characters").optional(),
  SWITCHYARD_INIT_TEAM: z.string().min(1).max(64).optional(),
  SWITCHYARD_INIT_INGEST_KEY: secret.optional(),
  SWITCHYARD_INIT_READ_KEY: secret.optional(),
  SWITCHYARD_INIT_ADMIN_KEY: secret.optional(),
  SWITCHYARD_INGEST_RATE_LIMIT: z.coerce.number().int().min(1).default(12_000),
  NEXTAUTH_URL: z.url().optional(),
  NEXTAUTH_SECRET: z.string().min(16).optional(),
  AUTH_TRUST_HOST: z.string().optional(),
  GITHUB_ID: z.string().min(1).optional(),
  GITHUB_SECRET: z.string().min(1).optional(),
});

export type Env = z.infer<typeof schema> & { demo: boolean; pgliteDir: string };

let cached: Env | undefined;

export function env(): Env {
  if (cached) return cached;
  // Empty strings mean "unset", as they do in most .env tooling.
  const raw = Object.fromEntries(Object.entries(process.env).filter(([, v]) => v !== ""));
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`Invalid configuration: ${problems}`);
  }
  const e = parsed.data;
  const dataDir = e.SWITCHYARD_DATA_DIR;
  cached = {
    ...e,
    demo: e.SWITCHYARD_DEMO ?? !e.DATABASE_URL,
    pgliteDir: dataDir.startsWith("memory://") ? dataDir : path.resolve(dataDir, "pglite"),
  };
  return cached;
}

/** Forget the parsed values (tests point one process at several databases). */
export function resetEnvForTests() {
  cached = undefined;
}

/**
 * next-auth reads its origin from process.env on every request. Without NEXTAUTH_URL, trust the Host
 * header so that the server works on whatever address it was reached at (localhost, 127.0.0.1, a LAN name).
 */
export function applyAuthDefaults() {
  const e = env();
  if (!e.NEXTAUTH_URL && !e.AUTH_TRUST_HOST) process.env.AUTH_TRUST_HOST = "true";
}
