// Transaction-scoped advisory locks, per team, between writers that must see each other's rows. Ingest
// reads pending labels and prices and then inserts calls; a labelling or pricing transaction looks for
// calls and then writes. Under READ COMMITTED two such transactions in flight at once would each miss
// the other's uncommitted rows, leaving a label pending forever or a call at an old price. Ingest holds
// the locks shared (batches still run in parallel); labels and prices take theirs exclusively.
import type { Tx } from "@/lib/ingest/sql";

const LABELS = 73_101;
const PRICES = 73_102;

export async function lockForIngest(tx: Tx, teamSeq: number) {
  await tx.query(`SELECT pg_advisory_xact_lock_shared($1::int4, $3::int4), pg_advisory_xact_lock_shared($2::int4, $3::int4)`, [LABELS, PRICES, teamSeq]);
}

export async function lockForLabels(tx: Tx, teamSeq: number) {
  await tx.query(`SELECT pg_advisory_xact_lock($1::int4, $2::int4)`, [LABELS, teamSeq]);
}

export async function lockForPrices(tx: Tx, teamSeq: number) {
  await tx.query(`SELECT pg_advisory_xact_lock($1::int4, $2::int4)`, [PRICES, teamSeq]);
}
