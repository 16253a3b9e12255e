// Bulk-loads N calls for one team over the last `days` days (30 unless said) straight into "Call" with generate_series (the
// article's task mix and model shares, lognormal-ish sizes, traced tool_agent runs, shadows and
// escalations, a feature and a customer tier in the metadata), their ids claimed in "CallId" as ingest does, then builds the rollups with the same SQL rebuild that tests check against ingest.
import type pg from "pg";

const PRICES = { mini: [400_000, 1_600_000], nano: [100_000, 400_000] }; // micro-dollars per 1M tokens

export function loadCallsSql(teamSeq: number, first: number, count: number, total: number, days = 30) {
  return `
    WITH stored AS (INSERT INTO "Call" ("teamSeq", "id", "ts", "taskType", "model", "inputTokens", "outputTokens", "latencyMs", "ttftMs", "status", "errorType",
                        "outcome", "traceId", "stepIndex", "contextTokens", "toolCount", "toolCallCount", "attempt", "escalatedFrom", "shadowOf", "costNanos", "metadata")
    SELECT ${teamSeq}, 'b' || g, now() - interval '${days} days' + (g::float8 / ${total}) * interval '${days} days', task, model, inp, outp,
           lat, CASE WHEN streamed THEN first_token END, CASE WHEN failed THEN 1 ELSE 0 END, CASE WHEN failed THEN 'api_error' END,
           CASE WHEN labeled THEN CASE WHEN ok THEN 1 ELSE 0 END END,
           CASE WHEN task = 'tool_agent' THEN 'bt' || (g / 5) END, CASE WHEN task = 'tool_agent' THEN (g % 5)::int END,
           inp, CASE WHEN task = 'tool_agent' THEN 6 ELSE 0 END, 0,
           CASE WHEN escalated THEN 2 ELSE 1 END, CASE WHEN escalated THEN 'gpt-5.4-nano' END, CASE WHEN shadow THEN 'b' || (g - 1) END,
           (inp::int8 * CASE WHEN model = 'gpt-5.4-mini' THEN ${PRICES.mini[0]} ELSE ${PRICES.nano[0]} END
            + outp::int8 * CASE WHEN model = 'gpt-5.4-mini' THEN ${PRICES.mini[1]} ELSE ${PRICES.nano[1]} END) / 1000,
           jsonb_build_object('feature', (ARRAY['support', 'billing', 'onboarding', 'docs'])[1 + floor(r[14] * 4)::int],
                              'tier', (ARRAY['free', 'pro', 'enterprise'])[1 + floor(r[15] * 3)::int])
    FROM (
      SELECT g, r, task, model, inp, outp, first_token, first_token + outp * 1000.0 / (CASE WHEN model = 'gpt-5.4-mini' THEN 38 ELSE 45 END) AS lat,
             r[5] < 0.5 AS streamed, r[6] < 0.02 AS failed, r[7] < 0.6 AS labeled,
             r[8] < CASE WHEN model = 'gpt-5.4-mini' THEN 0.93 ELSE CASE WHEN task IN ('classify', 'route') THEN 0.92 ELSE 0.82 END END AS ok,
             model = 'gpt-5.4-mini' AND r[9] < 0.01 AS escalated, r[10] < 0.02 AS shadow
      FROM (
        SELECT g, r, task,
               CASE WHEN r[2] < CASE task WHEN 'classify' THEN 0.5 WHEN 'route' THEN 0.7 WHEN 'extract' THEN 0.25 WHEN 'summarize' THEN 0 ELSE 0.35 END
                    THEN 'gpt-5.4-nano' ELSE 'gpt-5.4-mini' END AS model,
               greatest(20, (CASE task WHEN 'classify' THEN 600 WHEN 'route' THEN 450 WHEN 'extract' THEN 1200 WHEN 'summarize' THEN 2600 ELSE 1500 END
                 * exp(0.45 * (r[3] + r[4] + r[11] - 1.5) * 2))::int) AS inp,
               greatest(1, (CASE task WHEN 'classify' THEN 12 WHEN 'route' THEN 8 WHEN 'extract' THEN 240 WHEN 'summarize' THEN 320 ELSE 110 END
                 * (0.5 + r[12]))::int) AS outp,
               (CASE WHEN r[2] < 0.5 THEN 280 ELSE 420 END) * (0.6 + 0.8 * r[13]) AS first_token
        FROM (
          SELECT g, r, CASE WHEN r[1] < 0.30 THEN 'classify' WHEN r[1] < 0.50 THEN 'route' WHEN r[1] < 0.68 THEN 'extract'
                            WHEN r[1] < 0.80 THEN 'summarize' ELSE 'tool_agent' END AS task
          FROM generate_series(${first}, ${first + count - 1}) g,
               LATERAL (SELECT array_agg(random()) AS r FROM generate_series(1, 15) WHERE g > 0) rs
        ) a
      ) b
    ) c
    RETURNING "teamSeq", "id", "ts")
    INSERT INTO "CallId" ("teamSeq", "id", "ts") SELECT * FROM stored`;
}

export async function loadCalls(client: pg.Client, teamSeq: number, total: number, chunk: number, log: (s: string) => void, days = 30) {
  await client.query("SELECT setseed(0.42)");
  const t = Date.now();
  for (let first = 1; first <= total; first += chunk) {
    await client.query(loadCallsSql(teamSeq, first, Math.min(chunk, total - first + 1), total, days));
    log(`  loaded ${Math.min(first + chunk - 1, total).toLocaleString("en-US")} calls (${((Date.now() - t) / 1000).toFixed(0)} s)`);
  }
}
