// Evaluators as stored, and their results: verdict counts per evaluator (current version); the calls' content
// as the LLM judge reads it, outside any transaction.
import type { TeamId } from "@/lib/auth/team-id";
import { TEAM_SEQ } from "@/lib/analytics/queries/rollup-window";
import { db, type Sql } from "@/lib/db";
import type { EvaluatorRow } from "@/lib/evaluators/run";
import type { Scope } from "@/lib/evaluators/schema";

type Stored = { id: string; teamId: string; name: string; kind: string; config: Record<string, unknown>; scope: Scope; sampleRate: number; enabled: boolean; version: number; createdAt: Date; updatedAt: Date };

const SECRET_FIELDS = new Set(["apiKey", "apiKeyEncrypted"]);

/** The config as shown: a judge's API key is write-only, in the clear or sealed; `hasApiKey` says whether one is stored. */
export function publicConfig(config: Record<string, unknown>, kind?: string): Record<string, unknown> {
  const shown = Object.fromEntries(Object.entries(config).filter(([k]) => !SECRET_FIELDS.has(k)));
  return kind === "llm_judge" || "apiKeyEncrypted" in config ? { ...shown, hasApiKey: typeof config.apiKeyEncrypted === "string" } : shown;
}

export async function listEvaluators(teamId: TeamId) {
  const rows = await db().$queryRaw<(Stored & { pass: bigint; fail: bigint })[]>`
    SELECT e.*, count(s.*) FILTER (WHERE s."verdict" = 1)::int8 AS pass, count(s.*) FILTER (WHERE s."verdict" = 0)::int8 AS fail
    FROM "Evaluator" e LEFT JOIN "Score" s ON s."evaluatorId" = e."id" AND s."version" = e."version"
    WHERE e."teamId" = ${teamId} GROUP BY e."id" ORDER BY e."createdAt"`;
  return rows.map(({ pass, fail, teamId: _team, ...e }) => ({ ...e, config: publicConfig(e.config, e.kind), results: { pass: Number(pass), fail: Number(fail) } }));
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

export type JudgeSubject = { id: string; taskType: string; model: string; shadow: boolean; input: string | null; output: string };

/** The calls among `ids` with captured output, with what the judge's scope and rubric need. Read outside any transaction. */
export async function readJudgeSubjects(teamId: TeamId, ids: string[]): Promise<JudgeSubject[]> {
  if (!ids.length) return [];
  return db().$queryRaw<JudgeSubject[]>`
    SELECT c."id", c."taskType", c."model", c."shadowOf" IS NOT NULL AS shadow, cc."input", cc."output"
    FROM "Call" c JOIN "CallContent" cc ON cc."teamSeq" = c."teamSeq" AND cc."callId" = c."id" AND cc."output" IS NOT NULL
    WHERE c."teamSeq" = ${TEAM_SEQ(teamId)} AND c."id" = ANY(${ids}::text[])`;
}
