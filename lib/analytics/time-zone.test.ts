import { describe, expect, it } from "vitest";
import { addDays, isTimeZone, localDate, startOfLocalDay } from "@/lib/analytics/time-zone";

describe("time zones", () => {
  it("finds local midnight in zones east and west of UTC", () => {
    expect(startOfLocalDay("2026-11-24", "UTC").toISOString()).toBe("2026-11-24T00:00:00.000Z");
    expect(startOfLocalDay("2026-11-24", "America/New_York").toISOString()).toBe("2026-11-24T05:00:00.000Z");
    expect(startOfLocalDay("2026-11-24", "Asia/Tokyo").toISOString()).toBe("2026-11-23T15:00:00.000Z");
    expect(startOfLocalDay("2026-11-24", "Asia/Kolkata").toISOString()).toBe("2026-11-23T18:30:00.000Z");
  });

  it("handles the days daylight saving time starts and ends", () => {
    // New York: 2026-03-08 springs forward, 2026-11-01 falls back; both midnights are still on the old offset.
    expect(startOfLocalDay("2026-03-08", "America/New_York").toISOString()).toBe("2026-03-08T05:00:00.000Z");
    expect(startOfLocalDay("2026-03-09", "America/New_York").toISOString()).toBe("2026-03-09T04:00:00.000Z");
    expect(startOfLocalDay("2026-11-01", "America/New_York").toISOString()).toBe("2026-11-01T04:00:00.000Z");
    expect(startOfLocalDay("2026-11-02", "America/New_York").toISOString()).toBe("2026-11-02T05:00:00.000Z");
  });

  it("names the local date of an instant on either side of midnight", () => {
    expect(localDate(new Date("2026-11-24T04:59:59Z"), "America/New_York")).toBe("2026-11-23");
    expect(localDate(new Date("2026-11-24T05:00:00Z"), "America/New_York")).toBe("2026-11-24");
    expect(addDays("2026-02-27", 2)).toBe("2026-03-01");
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
  });

  it("accepts IANA names only", () => {
    expect(isTimeZone("Europe/Berlin")).toBe(true);
    expect(isTimeZone("Mars/Olympus")).toBe(false);
  });
});
