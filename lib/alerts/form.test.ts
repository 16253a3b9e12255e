import { describe, expect, it } from "vitest";
import { parseAlertForm } from "@/lib/alerts/form";
import { AppError } from "@/lib/http/errors";

const form = (fields: Record<string, string>) => { const f = new FormData(); for (const [k, v] of Object.entries(fields)) f.set(k, v); return f; };
const issues = (fields: Record<string, string>) => { try { parseAlertForm(form(fields)); return []; } catch (e) { return (e as AppError).issues ?? []; } };

describe("parseAlertForm", () => {
  it("turns the form into the API's body, a rate's percent into a share", () => {
    expect(parseAlertForm(form({ name: "x", kind: "success_rate", taskType: "extract", threshold: "92.5", windowMinutes: "30", webhookUrl: "https://h.example/a", webhookSecret: "0123456789abcdef" })))
      .toMatchObject({ kind: "success_rate", scope: { taskType: "extract" }, threshold: { min: 0.925 }, windowMinutes: 30, channels: [{ url: "https://h.example/a", format: "json" }] });
    expect(parseAlertForm(form({ name: "x", kind: "latency_p95", threshold: "2500" })).threshold).toEqual({ maxMs: 2500 });
    expect(parseAlertForm(form({ name: "x", kind: "silence", threshold: "" })).threshold).toEqual({});
  });

  it("names the form's own fields, in the form's units", () => {
    expect(issues({ name: "x", kind: "success_rate", threshold: "150" })).toEqual([{ path: "threshold", message: "must be between 0 and 100" }]);
    expect(issues({ name: "x", kind: "success_rate", threshold: "" })[0].path).toBe("threshold");
    expect(issues({ name: "x", kind: "error_rate", threshold: "5", webhookUrl: "ftp://x", webhookSecret: "short" }).map((i) => i.path)).toEqual(["webhookUrl", "webhookSecret"]);
  });
});
