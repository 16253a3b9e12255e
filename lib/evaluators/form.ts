// The Evaluators page's forms as the API's bodies. Inputs are named by their path in the body
// ("config.schema", "scope.taskTypes"), so the API schema's issues land next to the fields that caused them.
import { toStorable } from "@switchyard/sdk";
import { addDays, localDate, startOfLocalDay } from "@/lib/analytics/time-zone";
import { evaluatorBodySchema, type EvaluatorBody } from "@/lib/evaluators/schema";
import { AppError, issuesOf, type Issue } from "@/lib/http/errors";

type Form = Pick<FormData, "get" | "getAll">;

const text = (form: Form, name: string) => {
  const v = form.get(name);
  return typeof v === "string" ? toStorable(v) : "";
};
const optional = (s: string) => (s.trim() === "" ? undefined : s);
/** Leaves out the keys left empty: the API's config schemas are strict about what they hold. */
const defined = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

/** Ticked checkboxes plus a comma-separated "other" input; undefined (all) when neither names any. */
function names(form: Form, name: string) {
  const ticked = form.getAll(name).filter((v): v is string => typeof v === "string");
  const others = text(form, `${name}.other`).split(",").map((s) => s.trim()).filter(Boolean);
  const all = [...new Set([...ticked, ...others])];
  return all.length ? all : undefined;
}

function config(kind: string, form: Form, issues: Issue[]): Record<string, unknown> {
  const field = (key: string) => text(form, `config.${key}`);
  switch (kind) {
    case "json_schema": {
      try {
        return { schema: JSON.parse(field("schema")) };
      } catch (err) {
        issues.push({ path: "config.schema", message: `is not valid JSON: ${(err as Error).message}` });
        return { schema: {} };
      }
    }
    case "regex":
      return defined({ pattern: field("pattern"), flags: optional(field("flags")), mustMatch: field("mustMatch") !== "false" });
    case "contains":
      return { text: field("text"), mustContain: field("mustContain") !== "false" };
    case "expected":
      return { metadataKey: field("metadataKey").trim(), mode: field("mode") };
    case "llm_judge": {
      const cap = optional(field("dailyCapUsd"));
      if (cap !== undefined && !Number.isFinite(Number(cap))) issues.push({ path: "config.dailyCapUsd", message: "must be an amount in dollars, like 5 or 0.50" });
      return defined({
        baseUrl: field("baseUrl").trim(),
        model: field("model").trim(),
        rubric: field("rubric"),
        // The key is never sent to the browser: an empty field on a change keeps the stored one, null removes it.
        apiKey: form.get("config.apiKey.remove") === "on" ? null : optional(field("apiKey").trim()),
        dailyCapUsd: cap === undefined || !Number.isFinite(Number(cap)) ? undefined : Number(cap),
      });
    }
    default:
      return {};
  }
}

/** The form as the API's body, before validation, with the problems only the form can have (bad JSON, a bad percentage). */
export function readEvaluatorForm(form: Form): { body: Record<string, unknown>; issues: Issue[] } {
  const issues: Issue[] = [];
  const kind = text(form, "kind");
  const percent = text(form, "sampleRate").trim();
  const rate = Number(percent);
  const rateOk = percent !== "" && Number.isFinite(rate) && rate >= 0 && rate <= 100;
  if (!rateOk) issues.push({ path: "sampleRate", message: "must be a percentage from 0 to 100" });
  const body = {
    name: text(form, "name"),
    kind,
    config: config(kind, form, issues),
    scope: { taskTypes: names(form, "scope.taskTypes"), models: names(form, "scope.models"), production: form.get("scope.production") === "on", shadow: form.get("scope.shadow") === "on" },
    sampleRate: rateOk ? rate / 100 : 1,
    enabled: form.get("enabled") === "on",
  };
  return { body, issues };
}

/** The form as a valid evaluator body, or a validation error listing every problem by its path. */
export function parseEvaluatorForm(form: Form): EvaluatorBody {
  const { body, issues } = readEvaluatorForm(form);
  const parsed = evaluatorBodySchema.safeParse(body);
  if (!parsed.success) {
    // A field the form already reported (unparseable JSON) is not reported again as the wrong type.
    const reported = new Set(issues.map((i) => i.path));
    issues.push(...issuesOf(parsed.error).filter((i) => !reported.has(i.path)));
  }
  if (issues.length || !parsed.success) {
    throw new AppError("validation_error", `Invalid evaluator: ${issues.map((i) => `${i.path}: ${i.message}`).join("; ")}`, issues);
  }
  return parsed.data;
}

const isoDate = /^\d{4}-\d{2}-\d{2}$/;
const MAX_DAYS = 366;

/** The last 7 days up to today in the team's time zone, as the backfill form's dates. */
export function defaultBackfillDates(zone: string, now = new Date()) {
  const to = localDate(now, zone);
  return { from: addDays(to, -6), to };
}

/** A backfill window of whole local days, `to` included: [start of from, start of the day after to). */
export function parseBackfillWindow(dates: { from: string; to: string }, zone: string): { from: Date; to: Date } {
  const bad = (path: string, message: string) => new AppError("validation_error", `${path}: ${message}`, [{ path, message }]);
  for (const key of ["from", "to"] as const) {
    const d = dates[key];
    if (!isoDate.test(d) || Number.isNaN(Date.parse(d)) || d < "2000-01-01" || d > "2099-12-31") throw bad(key, "must be a date between 2000-01-01 and 2099-12-31");
  }
  if (dates.to < dates.from) throw bad("to", "must be on or after the start date");
  if (Date.parse(dates.to) - Date.parse(dates.from) >= MAX_DAYS * 86_400_000) throw bad("to", `must be less than ${MAX_DAYS} days after the start date`);
  return { from: startOfLocalDay(dates.from, zone), to: startOfLocalDay(addDays(dates.to, 1), zone) };
}
