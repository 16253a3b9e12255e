import fs from "node:fs";
import { expect, it } from "vitest";
import { rebuildSql } from "@/lib/ingest/rebuild";

it("the analytics migration rebuilds rollups with the same SQL as rebuildRollups", () => {
  const migration = fs.readFileSync("prisma/migrations/20261125000000_analytics/migration.sql", "utf8");
  for (const statement of rebuildSql("all")) expect(migration).toContain(statement);
});
