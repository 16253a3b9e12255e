// CSV text (RFC 4180): fields with commas, quotes or line breaks are quoted, quotes doubled.
type Cell = string | number | null;

const cell = (v: Cell) => {
  const s = v === null ? "" : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** One record and its line break. */
export const csvLine = (values: Cell[]) => values.map(cell).join(",") + "\r\n";

export function toCsv(header: string[], rows: Cell[][]): string {
  return [header, ...rows].map(csvLine).join("");
}
