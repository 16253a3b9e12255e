// Evaluators as stored, and their results: verdict counts per evaluator (current version).
import type { TeamId } from "@/lib/auth/team-id";
import { db, type Sql } from "@/lib/db";
import type { EvaluatorRow } from "@/lib/evaluators/run";
import type { Scope } from "@/lib/evaluators/schema";

type Stored = { id: string; teamId: string; name: string; kind: string; config: Record<string, unknown>; scope: Scope; sampleRate: number; enabled: boolean; version: number; createdAt: Date; updatedAt: Date };

/** The config as shown: a judge's API key is write-only. */
export const publicConfig = (config: Record<string, unknown>) => Object.fromEntries(Object.entries(config).filter(([k]) => k !== "apiKey"));

export async function listEvaluators(teamId: TeamId) {
  const rows = await db().$queryRaw<(Stored & { pass: bigint; fail: bigint })[]>`
    SELECT e.*, count(s.*) FILTER (WHERE s."verdict" = 1)::int8 AS pass, count(s.*) FILTER (WHERE s."verdict" = 0)::int8 AS fail
    FROM "Evaluator" e LEFT JOIN "Score" s ON s."evaluatorId" = e."id" AND s."version" = e."version"
    WHERE e."teamId" = ${teamId} GROUP BY e."id" ORDER BY e."createdAt"`;
  return rows.map(({ pass, fail, teamId: _team, ...e }) => ({ ...e, config: publicConfig(e.config), results: { pass: Number(pass), fail: Number(fail) } }));
}

/** The evaluator as the worker runs it, or null when the team has none with this id. */
export async function getEvaluator(teamId: TeamId, id: string): Promise<(EvaluatorRow & { enabled: boolean; name: string }) | null> {
  const [row] = await db().$queryRaw<Stored[]>`SELECT * FROM "Evaluator" WHERE "id" = ${id} AND "teamId" = ${teamId}`;
  return row ?? null;
}

/** The team's enabled evaluators, by the team's compact key (the worker knows calls by it), inside a transaction. */
export async function enabledEvaluators(tx: Sql, teamSeq: number): Promise<EvaluatorRow[]> {
  return tx.query<Stored>(
    `SELECT e.* FROM "Evaluator" e JOIN "Team" t ON t."id" = e."teamId" WHERE t."seq" = $1 AND e."enabled" ORDER BY e."createdAt"`, [teamSeq]);
}
