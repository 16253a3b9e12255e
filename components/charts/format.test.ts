import { describe, expect, it } from "vitest";
import { axisFormat, axisTicks } from "@/components/charts/format";

const labels = (format: Parameters<typeof axisFormat>[0], domain: [number, number]) => {
  const ticks = axisTicks(domain);
  return ticks.map(axisFormat(format, ticks));
};

describe("axis ticks and their labels", () => {
  it("label every tick at the precision of the step, in one unit", () => {
    expect(labels("percent", [0, 0.01])).toEqual(["0.00%", "0.25%", "0.50%", "0.75%", "1.00%"]);
    expect(labels("percent", [0.85, 1])).toEqual(["85%", "90%", "95%", "100%"]);
    expect(labels("usd", [0, 0.002])).toEqual(["$0.0000", "$0.0005", "$0.0010", "$0.0015", "$0.0020"]);
    expect(labels("usd", [0, 50])).toEqual(["$0.00", "$20.00", "$40.00"]);
    expect(labels("ms", [0, 10_000])).toEqual(["0.0 s", "2.5 s", "5.0 s", "7.5 s", "10.0 s"]);
    expect(labels("ms", [0, 500])).toEqual(["0 ms", "200 ms", "400 ms"]);
  });
});
