// The Calls and Traces explorers: filters from search params, keyset pages, one call, one run.
import type { TeamId } from "@/lib/auth/team-id";
import { getCall } from "@/lib/analytics/queries/get-call";
import { countCalls, listCalls } from "@/lib/analytics/queries/list-calls";
import { listDimensions } from "@/lib/analytics/queries/list-dimensions";
import { getTrace, listTraces } from "@/lib/analytics/queries/list-traces";
import type { Window } from "@/lib/analytics/range";
import { callFiltersSchema, decodeCursor, encodeCursor, traceFiltersSchema, type CallFilters, type TraceFilters } from "@/lib/analytics/schema";
import type { z } from "zod";
import { issuesOf } from "@/lib/http/errors";

export const PAGE_SIZE = 50;
/** Matching calls are counted up to this many; more reads "1,000+" (a count of a rare filter reads about 100 times as many calls). */
export const COUNT_CAP = 1_000;

/** Filters from search params by `schema`; an unusable one is dropped and named in `errors`. */
function parseFilters<S extends z.ZodType<object>>(schema: S, params: Record<string, string | undefined>): { filters: z.output<S>; errors: string[] } {
  const result = schema.safeParse(params);
  if (result.success) return { filters: result.data, errors: [] };
  const bad = new Set(result.error.issues.map((i) => String(i.path[0])));
  const kept = schema.safeParse(Object.fromEntries(Object.entries(params).filter(([k]) => !bad.has(k))));
  return { filters: kept.success ? kept.data : schema.parse({}), errors: issuesOf(result.error).map((i) => `${i.path}: ${i.message}`) };
}

export const parseCallFilters = (params: Record<string, string | undefined>): { filters: CallFilters; errors: string[] } => parseFilters(callFiltersSchema, params);
export const parseTraceFilters = (params: Record<string, string | undefined>): { filters: TraceFilters; errors: string[] } => parseFilters(traceFiltersSchema, params);

export async function loadCalls(teamId: TeamId, window: Window, filters: CallFilters) {
  const after = filters.cursor ? decodeCursor(filters.cursor) : null;
  const [rows, dimensions, matching] = await Promise.all([
    listCalls(teamId, window.from, window.to, filters, after, PAGE_SIZE + 1),
    listDimensions(teamId),
    countCalls(teamId, window.from, window.to, filters, COUNT_CAP),
  ]);
  const page = rows.slice(0, PAGE_SIZE);
  const last = page[page.length - 1];
  return { rows: page, next: rows.length > PAGE_SIZE && last ? encodeCursor(new Date(last.ts), last.id) : null, dimensions, matching };
}

export async function loadTraces(teamId: TeamId, window: Window, filters: TraceFilters) {
  const { cursor, minDuration, ...filter } = filters;
  const after = cursor ? decodeCursor(cursor) : null;
  const rows = await listTraces(teamId, window.from, window.to, { ...filter, minDurationMs: minDuration === undefined ? undefined : minDuration * 1000 }, after, PAGE_SIZE + 1);
  const page = rows.slice(0, PAGE_SIZE);
  const last = page[page.length - 1];
  return { rows: page, next: rows.length > PAGE_SIZE && last ? encodeCursor(new Date(last.ts), last.headId) : null };
}

export const loadCall = getCall;
export const loadTrace = getTrace;
