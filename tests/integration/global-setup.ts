// Once per run on the embedded database: one migrated data directory, which each test file's database
// starts from (tests/integration/setup.ts) instead of running initdb and the migrations again.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { closeDb, embeddedDb } from "@/lib/db";
import { resetEnvForTests } from "@/lib/env";
import { migrate } from "@/lib/migrate";
import { ensurePartitions } from "@/lib/partitions/calls";

declare module "vitest" {
  export interface ProvidedContext {
    pgliteTemplate: string;
  }
}

export default async function setup(project: TestProject) {
  if (process.env.DATABASE_URL) return;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "switchyard-template-"));
  const file = path.join(dir, "migrated.tar");
  const previous = process.env.SWITCHYARD_DATA_DIR;
  process.env.SWITCHYARD_DATA_DIR = "memory://template";
  resetEnvForTests();
  await migrate();
  await ensurePartitions(); // as at start-up: today's calls land in day partitions, older ones in the default
  const dump = await embeddedDb()!.dumpDataDir("none");
  fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  await closeDb();
  if (previous === undefined) delete process.env.SWITCHYARD_DATA_DIR;
  else process.env.SWITCHYARD_DATA_DIR = previous;
  resetEnvForTests();
  project.provide("pgliteTemplate", file);
  return () => fs.rmSync(dir, { recursive: true, force: true });
}
