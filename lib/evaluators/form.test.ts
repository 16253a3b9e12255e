import { describe, expect, it } from "vitest";
import { defaultBackfillDates, parseBackfillWindow, parseEvaluatorForm, readEvaluatorForm } from "@/lib/evaluators/form";
import { AppError } from "@/lib/http/errors";

function form(fields: [string, string][]) {
  const f = new FormData();
  for (const [k, v] of fields) f.append(k, v);
  return f;
}

const base: [string, string][] = [["name", "Invoice JSON"], ["sampleRate", "100"], ["enabled", "on"], ["scope.production", "on"], ["scope.shadow", "on"]];

function issuesOf(fields: [string, string][]) {
  try {
    parseEvaluatorForm(form(fields));
  } catch (err) {
    if (err instanceof AppError) return Object.fromEntries(err.issues!.map((i) => [i.path, i.message]));
    throw err;
  }
  throw new Error("expected the form to be refused");
}

describe("the evaluator form", () => {
  it("becomes the API's body: a percentage as a rate, ticked and typed names as the scope", () => {
    const body = parseEvaluatorForm(form([
      ...base.filter(([k]) => k !== "sampleRate" && k !== "scope.shadow"), ["sampleRate", "25"], ["kind", "json_schema"], ["config.schema", '{"type": "object"}'],
      ["scope.taskTypes", "extract"], ["scope.taskTypes.other", " classify, extract ,"], ["scope.models.other", ""],
    ]));
    expect(body).toEqual({
      name: "Invoice JSON", kind: "json_schema", config: { schema: { type: "object" } },
      scope: { taskTypes: ["extract", "classify"], production: true, shadow: false }, sampleRate: 0.25, enabled: true,
    });
  });

  it("names every problem by its path in the body, bad JSON and the API schema's issues together", () => {
    expect(issuesOf([["name", " "], ["kind", "json_schema"], ["config.schema", "{ not json"], ["sampleRate", "150"]])).toEqual({
      name: "must not be empty",
      "config.schema": expect.stringMatching(/^is not valid JSON/),
      sampleRate: "must be a percentage from 0 to 100",
      scope: "must include production calls, shadow calls or both",
    });
    expect(issuesOf([...base, ["kind", "regex"], ["config.pattern", "("], ["config.flags", "gg"]])).toEqual({ "config.flags": expect.stringMatching(/flags/) });
    expect(issuesOf([...base, ["kind", "regex"], ["config.pattern", "("]])).toEqual({ "config.pattern": expect.stringMatching(/^does not compile/) });
    expect(issuesOf([...base, ["kind", "json_schema"], ["config.schema", '{"type": "nonsense"}']])).toEqual({ "config.schema": expect.stringMatching(/^does not compile/) });
  });

  it("reads each kind's settings, leaving out what was left empty", () => {
    const read = (fields: [string, string][]) => readEvaluatorForm(form([...base, ...fields])).body.config;
    expect(read([["kind", "regex"], ["config.pattern", "^ok$"], ["config.flags", ""], ["config.mustMatch", "false"]])).toEqual({ pattern: "^ok$", mustMatch: false });
    expect(read([["kind", "contains"], ["config.text", "refund"], ["config.mustContain", "true"]])).toEqual({ text: "refund", mustContain: true });
    expect(read([["kind", "expected"], ["config.metadataKey", " expected "], ["config.mode", "json_equal"]])).toEqual({ metadataKey: "expected", mode: "json_equal" });
    expect(read([["kind", "tool_args"]])).toEqual({});
    // An empty key field keeps the stored key: the key is left out of the change.
    const judge: [string, string][] = [["kind", "llm_judge"], ["config.baseUrl", "http://judge.local/v1"], ["config.model", "m"], ["config.rubric", "r"]];
    expect(read([...judge, ["config.apiKey", ""], ["config.dailyCapUsd", "2.5"]])).toEqual({ baseUrl: "http://judge.local/v1", model: "m", rubric: "r", dailyCapUsd: 2.5 });
    expect(read([...judge, ["config.apiKey", "sk-1"], ["config.dailyCapUsd", ""]])).toMatchObject({ apiKey: "sk-1" });
    expect(read([...judge, ["config.apiKey", "sk-1"], ["config.apiKey.remove", "on"]])).toMatchObject({ apiKey: null });
    expect(readEvaluatorForm(form([...base, ...judge, ["config.dailyCapUsd", "five"]])).issues).toEqual([{ path: "config.dailyCapUsd", message: expect.any(String) }]);
  });
});

describe("the backfill window", () => {
  it("covers whole days in the team's zone, the last one included", () => {
    expect(parseBackfillWindow({ from: "2026-03-01", to: "2026-03-07" }, "UTC")).toEqual({ from: new Date("2026-03-01T00:00:00Z"), to: new Date("2026-03-08T00:00:00Z") });
    expect(parseBackfillWindow({ from: "2026-03-01", to: "2026-03-01" }, "Europe/Berlin")).toEqual({ from: new Date("2026-02-28T23:00:00Z"), to: new Date("2026-03-01T23:00:00Z") });
    expect(defaultBackfillDates("UTC", new Date("2026-03-07T23:30:00Z"))).toEqual({ from: "2026-03-01", to: "2026-03-07" });
  });

  it("refuses dates that are missing, reversed or too far apart, naming the field", () => {
    const refused = (from: string, to: string) => {
      try {
        parseBackfillWindow({ from, to }, "UTC");
      } catch (err) {
        return (err as AppError).issues![0].path;
      }
      return null;
    };
    expect(refused("", "2026-03-01")).toBe("from");
    expect(refused("2026-03-01", "2026-02-30x")).toBe("to");
    expect(refused("2026-03-02", "2026-03-01")).toBe("to");
    expect(refused("2025-01-01", "2026-01-02")).toBe("to");
    expect(refused("2025-01-01", "2026-01-01")).toBeNull(); // 366 days, the most a backfill takes
  });
});
