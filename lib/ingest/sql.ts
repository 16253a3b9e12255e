// Helpers for the multi-row statements of the ingest path, run on a transaction client. Rows travel as
// one array per column and are unpacked with unnest(): a handful of parameters instead of tens of
// thousands, which PostgreSQL parses and the driver binds many times faster.
import type { Sql } from "@/lib/db";

export type Tx = Sql;

export class Columns {
  private readonly columns: unknown[][];
  private count = 0;

  /** `types` are PostgreSQL element types (int4, text, jsonb, ...), one per column. */
  constructor(private readonly types: string[]) {
    this.columns = types.map(() => []);
  }

  add(values: unknown[]) {
    values.forEach((v, i) => this.columns[i].push(v));
    this.count += 1;
  }

  /** `unnest($1::int4[], $2::text[], ...)` with parameters numbered after `offset` others. */
  unnest(offset = 0) {
    return `unnest(${this.types.map((t, i) => `$${offset + i + 1}::${t}[]`).join(", ")})`;
  }

  get params(): unknown[] {
    return this.columns;
  }

  get length() {
    return this.count;
  }
}

/** BigInt → text for the driver; the SQL casts it back to int8. */
export const int8 = (v: bigint | null) => (v === null ? null : v.toString());
