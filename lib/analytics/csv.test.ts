import { expect, it } from "vitest";
import { toCsv } from "@/lib/analytics/csv";

it("quotes only the cells that need it", () => {
  expect(toCsv(["a", "b"], [["plain", 1.5], ['say "hi", twice', null], ["two\nlines", 0]])).toBe(
    'a,b\r\nplain,1.5\r\n"say ""hi"", twice",\r\n"two\nlines",0\r\n',
  );
});
