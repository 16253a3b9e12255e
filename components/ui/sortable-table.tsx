"use client";
// A table whose columns sort on click or Enter/Space on the header button; aria-sort tells screen readers.
// Columns marked `optional` start hidden and are shown from the Columns chooser, so the table fits a
// laptop screen; the first column stays in view when a narrow screen scrolls the rest.
import Link from "next/link";
import { useMemo, useState } from "react";
import { formatValue, type ValueFormat } from "@/components/charts/format";
import { Money } from "@/components/ui/money";
import { columnDecimals } from "@/lib/pricing/money";

export type Column = {
  key: string; label: string; format?: ValueFormat | "text"; hrefKey?: string; title?: string;
  /** Hidden until chosen. */
  optional?: boolean;
  /** Money: a row with unpriced calls (its `unpriced` count) says so instead of showing a partial sum as whole. */
  money?: boolean;
};
type Row = Record<string, string | number | null>;

function show(row: Row, c: Column, decimals?: number) {
  const value = row[c.key];
  const text = value === null ? null : typeof value === "string" || !c.format || c.format === "text" ? String(value) : formatValue(c.format, value, decimals);
  return c.money ? <Money text={text} unpriced={Number(row.unpriced ?? 0)} /> : (text ?? "—");
}

export function SortableTable({ caption, columns, rows, initial }: { caption: string; columns: Column[]; rows: Row[]; initial: { key: string; desc: boolean } }) {
  const [sort, setSort] = useState(initial);
  const [shown, setShown] = useState(() => new Set(columns.filter((c) => !c.optional).map((c) => c.key)));
  const visible = columns.filter((c) => shown.has(c.key));
  // Each money column at one precision, so its amounts line up.
  const decimals = useMemo(() => new Map(columns.filter((c) => c.format === "usd").map((c) =>
    [c.key, columnDecimals(rows.map((r) => (typeof r[c.key] === "number" ? (r[c.key] as number) * 1e9 : null)))])), [columns, rows]);
  const sorted = useMemo(() => {
    const dir = sort.desc ? -1 : 1;
    return [...rows].sort((a, b) => {
      const x = a[sort.key], y = b[sort.key];
      if (x === y) return 0;
      if (x === null) return 1; // empty cells last either way
      if (y === null) return -1;
      return (x < y ? -1 : 1) * dir;
    });
  }, [rows, sort]);
  const toggle = (key: string) => setShown((s) => {
    const next = new Set(s);
    if (next.has(key)) next.delete(key);
    else next.add(key);
    return next;
  });
  return (
    <div>
      {columns.some((c) => c.optional) && (
        <details className="mb-2 text-sm">
          <summary className="cursor-pointer text-gray-700">Columns ({visible.length} of {columns.length})</summary>
          <fieldset className="mt-2 flex flex-wrap gap-x-4 gap-y-1 rounded-lg border border-gray-200 bg-white p-3">
            <legend className="sr-only">Columns shown</legend>
            {columns.slice(1).map((c) => (
              <label key={c.key} className="inline-flex items-center gap-1.5 text-gray-700">
                <input type="checkbox" checked={shown.has(c.key)} onChange={() => toggle(c.key)} />
                {c.label}
              </label>
            ))}
          </fieldset>
        </details>
      )}
      <div className="overflow-x-auto rounded-lg border border-gray-200 bg-white">
        <table className="min-w-full divide-y divide-gray-200 text-sm [&_tbody_td:first-child]:sticky [&_tbody_td:first-child]:left-0 [&_tbody_td:first-child]:bg-white [&_thead_th:first-child]:sticky [&_thead_th:first-child]:left-0 [&_thead_th:first-child]:bg-gray-50">
          <caption className="sr-only">{caption}. Activate a column header to sort by it.</caption>
          <thead className="bg-gray-50">
            <tr>
              {visible.map((c) => {
                const active = sort.key === c.key;
                return (
                  <th key={c.key} scope="col" aria-sort={active ? (sort.desc ? "descending" : "ascending") : "none"} className="whitespace-nowrap px-2 py-2 text-left font-medium text-gray-700">
                    <button type="button" title={c.title} onClick={() => setSort({ key: c.key, desc: active ? !sort.desc : c.format !== "text" })}
                      className="inline-flex items-center gap-1 rounded hover:text-blue-800">
                      {c.label}
                      <span aria-hidden className="text-xs text-gray-400">{active ? (sort.desc ? "▼" : "▲") : "↕"}</span>
                    </button>
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody className="divide-y divide-gray-100">
            {sorted.map((r, i) => (
              <tr key={i} className="hover:bg-gray-50">
                {visible.map((c) => (
                  <td key={c.key} className={`whitespace-nowrap px-2 py-2 ${c.format && c.format !== "text" ? "text-right tabular-nums" : ""}`}>
                    {c.hrefKey && r[c.hrefKey] ? <Link className="font-medium text-blue-800 underline" href={String(r[c.hrefKey])}>{show(r, c, decimals.get(c.key))}</Link> : show(r, c, decimals.get(c.key))}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
