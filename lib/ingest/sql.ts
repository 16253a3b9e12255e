// Small helpers for the multi-row statements of the ingest path, run on a transaction client.
import type { Prisma } from "@prisma/client";

export type Tx = Prisma.TransactionClient;

/** Builds "($1::int, $2::text), (...)" rows with casts, collecting the parameters. */
export class Values {
  readonly params: unknown[] = [];
  private rows: string[] = [];

  constructor(private readonly types: string[]) {}

  add(values: unknown[]) {
    const cells = values.map((v, i) => {
      this.params.push(v);
      return `$${this.params.length}::${this.types[i]}`;
    });
    this.rows.push(`(${cells.join(", ")})`);
  }

  get sql() {
    return this.rows.join(",\n");
  }

  get length() {
    return this.rows.length;
  }
}

/** "$2, $3, $4" placeholders for an IN list starting after `offset` parameters. */
export function placeholders(count: number, offset: number) {
  return Array.from({ length: count }, (_, i) => `$${offset + i + 1}`).join(", ");
}

/** BigInt → text for the driver; the SQL casts it back to int8. */
export const int8 = (v: bigint | null) => (v === null ? null : v.toString());
