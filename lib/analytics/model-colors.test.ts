import { describe, expect, it } from "vitest";
import { modelColor, modelColors } from "@/lib/analytics/model-colors";

describe("model colours", () => {
  it("gives a model the same colour whatever else is on the chart", () => {
    expect(modelColors(["gpt-5.4-mini", "gpt-5.4-nano"])).toEqual(["blue", "emerald"]);
    expect(modelColors(["gpt-5.4-nano", "gpt-5.4-mini"])).toEqual(["emerald", "blue"]);
    expect(modelColors(["ft-support-v2", "gpt-5.4-nano"])[1]).toBe("emerald");
  });

  it("derives an unknown model's colour from its name, never one a catalog model has", () => {
    const catalog = new Set(modelColors(["gpt-5.4-mini", "gpt-5.4-nano", "gpt-5.4", "gpt-4.1", "gpt-4.1-mini", "gpt-4.1-nano", "gpt-4o", "gpt-4o-mini", "o4-mini"]));
    for (const m of ["ft-support-v2", "llama-3.3-70b", "claude-x", "unmapped"]) {
      expect(modelColor(m)).toBe(modelColor(m));
      expect(catalog.has(modelColor(m))).toBe(false);
    }
  });
});
