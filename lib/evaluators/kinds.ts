// The evaluator kinds and their `config` (contracts §13), and `check`, which grades one call with a
// deterministic kind. llm_judge needs a network call: its request and answer are in judge.ts.
import { exactString, unstorableReason } from "@switchyard/sdk";
import { z } from "zod";
import { createCache } from "@/lib/evaluators/cache";
import { checkContains, checkExpected, checkJsonSchema, checkRegex, checkToolArgs, type Call, type Verdict } from "@/lib/evaluators/checks";
import { compileSchema } from "@/lib/evaluators/compile";
import { compileRegex } from "@/lib/evaluators/regex";

export type { Call, Verdict } from "@/lib/evaluators/checks";

export const KINDS = ["json_schema", "regex", "contains", "expected", "tool_args", "llm_judge"] as const;
export type Kind = (typeof KINDS)[number];

// Config is stored as jsonb, which refuses NUL and unpaired surrogates, hence exactString.
const text = (max: number) => exactString().min(1, "must not be empty").max(max, `must be at most ${max} characters`);

/** Why some key or string in a JSON value cannot be stored, or null. Iterative: a schema may nest deeply. */
function unstorableIn(value: unknown): string | null {
  const stack = [value];
  while (stack.length) {
    const v = stack.pop();
    if (typeof v === "string") {
      const reason = unstorableReason(v);
      if (reason) return reason;
    } else if (typeof v === "object" && v !== null) {
      for (const [key, child] of Object.entries(v)) stack.push(key, child);
    }
  }
  return null;
}

const jsonSchema = z.record(z.string(), z.unknown()).superRefine((schema, ctx) => {
  const unstorable = unstorableIn(schema);
  if (unstorable) return void ctx.addIssue({ code: "custom", message: unstorable });
  const compiled = compileSchema(schema);
  if (!compiled.ok) ctx.addIssue({ code: "custom", message: `does not compile: ${compiled.error}` });
});

const judgeUrl = z.url({ protocol: /^https?$/, message: "must be an http(s) URL" }).max(2000, "must be at most 2000 characters");

// Only flags that keep a regex a plain test of the text, each once (as JavaScript's RegExp takes them).
const FLAGS = /^(?!.*(.).*\1)[gimsuy]*$/;

export const configSchemas = {
  json_schema: z.strictObject({ schema: jsonSchema }),
  regex: z
    .strictObject({
      pattern: text(1000),
      flags: z.string().regex(FLAGS, "may only use the flags g, i, m, s, u and y, each once").optional(),
      mustMatch: z.boolean(),
    })
    .superRefine((c, ctx) => {
      if (!FLAGS.test(c.flags ?? "")) return; // already reported on flags
      const compiled = compileRegex(c.pattern, c.flags);
      if (!compiled.ok) ctx.addIssue({ code: "custom", path: ["pattern"], message: `does not compile: ${compiled.error}` });
    }),
  contains: z.strictObject({ text: text(10_000), mustContain: z.boolean() }),
  expected: z.strictObject({ metadataKey: text(64), mode: z.enum(["exact", "json_equal"], { message: "must be exact or json_equal" }) }),
  tool_args: z.strictObject({}),
  // The server POSTs to baseUrl, loopback and private addresses included: a judge on the local network
  // (Ollama, vLLM) is a use case, and only a team admin sets it. That is the contract, SSRF included: an
  // admin can make the server send the rubric-filled prompt to any http(s) address it reaches (redirects
  // are not followed, and the answer is shown only as a verdict or an error line).
  llm_judge: z.strictObject({
    baseUrl: judgeUrl,
    // Optional: a local judge needs none. Left out on a change, the stored one is kept; null removes it.
    // Stored encrypted (secret.ts) as apiKeyEncrypted, never returned.
    apiKey: text(500).nullable().optional(),
    model: text(128),
    rubric: text(20_000),
    dailyCapUsd: z.number().positive("must be more than 0").max(1_000_000, "must be at most 1000000").optional(),
  }),
} satisfies Record<Kind, z.ZodType>;

/** A judge's config as stored: the key sealed (mutations.ts), never in the clear. */
export const storedJudgeConfig = z.object({
  baseUrl: judgeUrl,
  model: text(128),
  rubric: text(20_000),
  dailyCapUsd: z.number().positive().optional(),
  apiKeyEncrypted: z.string().optional(),
});
export type StoredJudgeConfig = z.output<typeof storedJudgeConfig>;

export type Config<K extends Kind> = z.output<(typeof configSchemas)[K]>;

/** The schema of `config` for one kind. */
export const evaluatorConfig = <K extends Kind>(kind: K): (typeof configSchemas)[K] => configSchemas[kind];

const cannot = (reason: string): Verdict => ({ verdict: null, reason });
type Checker = (call: Call) => Verdict;

// Stored configs were validated when saved; one saved under older rules cannot judge rather than throw.
function prepare(kind: string, config: unknown): Checker {
  if (!(KINDS as readonly string[]).includes(kind)) return () => cannot(`unknown evaluator kind "${kind}"`);
  if (kind === "llm_judge") return () => cannot("llm_judge is judged by a model, not by check()");
  const parsed = configSchemas[kind as Exclude<Kind, "llm_judge">].safeParse(config);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const invalid = cannot(`evaluator config is invalid: ${issue.path.length ? `${issue.path.join(".")} ` : ""}${issue.message}`);
    return () => invalid;
  }
  const c = parsed.data;
  switch (kind) {
    case "json_schema":
      return checkJsonSchema(c as Config<"json_schema">);
    case "regex":
      return checkRegex(c as Config<"regex">);
    case "contains":
      return checkContains(c as Config<"contains">);
    case "expected":
      return checkExpected(c as Config<"expected">);
    default:
      return checkToolArgs;
  }
}

// One evaluator runs over many calls with the same config: validating it and compiling its schema or
// regex happen once per distinct (kind, config), after which a check costs a JSON.stringify and a lookup.
const checkers = createCache<Checker>(200);

/**
 * Grades one call with a deterministic kind. A null verdict means the call cannot be judged and gets no
 * score: nothing captured, an answer with no text (tool calls only) for the text kinds, no expected value
 * in the metadata, no tool calls for tool_args (see checks.ts).
 */
export function check(kind: string, config: unknown, call: Call): Verdict {
  if (call.output === null) return cannot("no captured output");
  let key: string;
  try {
    key = JSON.stringify([kind, config]);
  } catch {
    return cannot("evaluator config is not JSON");
  }
  return checkers.get(key, () => prepare(kind, config))(call);
}
