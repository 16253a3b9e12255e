import { describe, expect, it } from "vitest";
import { parseRange } from "@/lib/analytics/range";

const now = new Date("2026-11-24T03:30:00Z");

describe("parseRange", () => {
  it("counts preset days in the team's zone", () => {
    const utc = parseRange({ range: "7d" }, "UTC", now).window;
    expect([utc.from.toISOString(), utc.to.toISOString()]).toEqual(["2026-11-18T00:00:00.000Z", "2026-11-25T00:00:00.000Z"]);
    // 03:30 UTC is still the 23rd in New York: its 7 days end at the 23rd's local midnight + 1 day.
    const ny = parseRange({ range: "7d" }, "America/New_York", now).window;
    expect([ny.from.toISOString(), ny.to.toISOString()]).toEqual(["2026-11-17T05:00:00.000Z", "2026-11-24T05:00:00.000Z"]);
    expect(ny.toDate).toBe("2026-11-23");
  });

  it("includes the current hour in the last 24 hours", () => {
    const w = parseRange({ range: "24h" }, "Asia/Tokyo", now).window;
    expect([w.from.toISOString(), w.to.toISOString(), w.byHour]).toEqual(["2026-11-23T04:00:00.000Z", "2026-11-24T04:00:00.000Z", true]);
  });

  it("takes custom local dates, both ends included, snapped to the hour for half-hour zones", () => {
    const w = parseRange({ range: "custom", from: "2026-11-01", to: "2026-11-02" }, "Asia/Kolkata", now).window;
    expect([w.from.toISOString(), w.to.toISOString()]).toEqual(["2026-10-31T18:00:00.000Z", "2026-11-02T18:00:00.000Z"]);
  });

  it("explains a bad range and falls back to 30 days", () => {
    const backwards = parseRange({ range: "custom", from: "2026-11-10", to: "2026-11-01" }, "UTC", now);
    expect(backwards.error).toMatch(/end date \(to\)/);
    expect(backwards.window.preset).toBe("30d");
    expect(parseRange({ from: "yesterday", to: "2026-11-01" }, "UTC", now).error).toMatch(/start date \(from\)/);
    expect(parseRange({ range: "1y" }, "UTC", now).error).toMatch(/Unknown range "1y"/);
    expect(parseRange({ range: "custom", from: "0000-01-01", to: "2026-11-01" }, "UTC", now).error).toMatch(/between 2000-01-01/);
    expect(parseRange({}, "UTC", now)).toEqual({ window: expect.objectContaining({ preset: "30d" }), error: undefined });
  });
});
