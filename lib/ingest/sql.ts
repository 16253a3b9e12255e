// Helpers for the multi-row statements of the ingest path, run on a transaction client. Plain inserts
// (calls, content) go as COPY's text format; statements that need more than an insert (ON CONFLICT,
// RETURNING) take their rows as one array per column unpacked with unnest(): a handful of parameters
// instead of tens of thousands, which PostgreSQL parses and the driver binds many times faster.
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

  /** One array literal per column. */
  get params(): string[] {
    return this.columns.map(arrayLiteral);
  }

  get length() {
    return this.count;
  }
}

const NEEDS_ESCAPE = /["\\]/;
const ESCAPED = /["\\]/g;

/**
 * A column as PostgreSQL's array literal ({1,"a\"b",NULL}), which the statement's $n::type[] cast parses.
 * The drivers build the same text themselves, but quote and escape every element with a regex each: about
 * 3 ms of a 1,000-event batch, here well under one. Strings are always quoted (empty, NULL or comma-bearing
 * text stays text); numbers, bigints and booleans never need it.
 */
export function arrayLiteral(values: unknown[]): string {
  const parts = new Array<string>(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null || v === undefined) parts[i] = "NULL";
    else if (typeof v === "string") parts[i] = NEEDS_ESCAPE.test(v) ? `"${v.replace(ESCAPED, "\\$&")}"` : `"${v}"`;
    else if (typeof v === "number" || typeof v === "bigint" || typeof v === "boolean") parts[i] = String(v);
    else throw new TypeError(`arrayLiteral: unsupported ${typeof v}`);
  }
  return `{${parts.join(",")}}`;
}

/** BigInt → text for the driver; the SQL casts it back to int8. */
export const int8 = (v: bigint | null) => (v === null ? null : v.toString());

const COPY_SPECIAL = /[\\\t\n\r]/;
const COPY_SPECIALS = /[\\\t\n\r]/g;
const COPY_ESCAPES: Record<string, string> = { "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r" };

/**
 * Rows in COPY's text format: fields split by tabs, rows ended by newlines, NULL as \N, and a backslash, tab,
 * newline or carriage return inside text escaped by a backslash. Numbers, bigints and booleans as written.
 */
export function copyText(rows: unknown[][]): string {
  let out = "";
  for (const row of rows) {
    for (let i = 0; i < row.length; i++) {
      const v = row[i];
      if (i > 0) out += "\t";
      if (v === null || v === undefined) out += "\\N";
      else if (typeof v === "string") out += COPY_SPECIAL.test(v) ? v.replace(COPY_SPECIALS, (c) => COPY_ESCAPES[c]) : v;
      else if (typeof v === "number" || typeof v === "bigint" || typeof v === "boolean") out += String(v);
      else throw new TypeError(`copyText: unsupported ${typeof v}`);
    }
    out += "\n";
  }
  return out;
}
