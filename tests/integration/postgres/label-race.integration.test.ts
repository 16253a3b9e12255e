// PostgreSQL only (PGlite runs one transaction at a time, so the race cannot happen there): a label
// written while a batch with its call is in flight is applied, not left pending.
import pg from "pg";
import { expect, it } from "vitest";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { ingestEvents } from "@/lib/ingest/mutations";
import { pgConfig } from "@/prisma/adapters";
import { makeEvent, makeOwner } from "@/tests/factories";

it("applies a label committed while the call's batch waited on the labelling transaction", async () => {
  const { team } = await makeOwner();
  const { seq } = await db().team.findUniqueOrThrow({ where: { id: team.id } });
  // Stand in for POST /api/v1/outcomes mid-transaction: it holds the labels lock and has found no call.
  const outcomes = new pg.Client(pgConfig(env().DATABASE_URL!));
  await outcomes.connect();
  await outcomes.query("BEGIN");
  await outcomes.query("SELECT pg_advisory_xact_lock(73101, $1::int4)", [seq]);
  await outcomes.query(`INSERT INTO "PendingOutcome" ("teamSeq", "callId", "outcome") VALUES ($1, 'raced', 0)`, [seq]);

  const ingest = ingestEvents(team.id, [makeEvent({ id: "raced" })]);
  await new Promise((r) => setTimeout(r, 300));
  expect(await db().call.count({ where: { teamSeq: seq, id: "raced" } })).toBe(0); // the batch waits
  await outcomes.query("COMMIT");
  await outcomes.end();

  expect((await ingest).accepted).toBe(1);
  const call = await db().call.findUniqueOrThrow({ where: { teamSeq_id: { teamSeq: seq, id: "raced" } } });
  expect(call.outcome).toBe(0);
  expect(await db().pendingOutcome.count({ where: { teamSeq: seq } })).toBe(0);
});
