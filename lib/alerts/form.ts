// The alert form's fields into the API's body (alertBodySchema): one threshold input whose meaning the
// kind gives (percent for rates, ms, dollars), an optional webhook. Issues come back under the form's names.
import { toStorable } from "@switchyard/sdk/core";
import { alertBodySchema, type AlertKind } from "@/lib/alerts/schema";
import { THRESHOLD_INPUT } from "@/lib/alerts/thresholds";
import { AppError, issuesOf } from "@/lib/http/errors";

/** An API path to the form field that holds it. */
const FIELD: [RegExp, string][] = [[/^threshold\./, "threshold"], [/^scope\.(\w+)/, "$1"], [/^channels\.0\.url/, "webhookUrl"], [/^channels\.0\.secret/, "webhookSecret"], [/^channels\.0\.format/, "webhookFormat"]];
function fieldOf(path: string) {
  for (const [re, to] of FIELD) {
    const m = re.exec(path);
    if (m) return to.replace("$1", m[1] ?? "");
  }
  return path.split(".")[0];
}

export function parseAlertForm(form: FormData) {
  const text = (k: string) => toStorable(String(form.get(k) ?? "").trim());
  const kind = text("kind") as AlertKind;
  const input = THRESHOLD_INPUT[kind] ?? null;
  const raw = text("threshold");
  const url = text("webhookUrl");
  const result = alertBodySchema.safeParse({
    name: text("name"), kind,
    scope: Object.fromEntries(["taskType", "model", "ruleId"].flatMap((k) => (text(k) ? [[k, text(k)]] : []))),
    threshold: input && raw !== "" ? { [input.field]: Number.isFinite(Number(raw)) ? input.toValue(Number(raw)) : raw } : {},
    windowMinutes: text("windowMinutes") === "" ? undefined : Number(text("windowMinutes")),
    channels: url ? [{ type: "webhook", url, secret: text("webhookSecret"), format: text("webhookFormat") || "json" }] : [],
  });
  if (result.success) return result.data;
  // A rate is typed in percent: say so in its terms, not the API's 0-1.
  const percent = input?.label.includes("%");
  const issues = issuesOf(result.error).map((i) => ({ path: fieldOf(i.path), message: percent && i.path.startsWith("threshold.") && /between 0 and 1/.test(i.message) ? "must be between 0 and 100" : i.message }));
  throw new AppError("validation_error", issues[0].message, issues);
}
