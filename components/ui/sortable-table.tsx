"use client";
// A table whose columns sort on click or Enter/Space on the header button; aria-sort tells screen readers.
import Link from "next/link";
import { useMemo, useState } from "react";
import { formatValue, type ValueFormat } from "@/components/charts/format";

export type Column = { key: string; label: string; format?: ValueFormat | "text"; hrefKey?: string; title?: string };
type Row = Record<string, string | number | null>;

function show(value: string | number | null, format: Column["format"]) {
  if (value === null) return "—";
  if (typeof value === "string" || !format || format === "text") return String(value);
  return formatValue(format, value);
}

export function SortableTable({ caption, columns, rows, initial }: { caption: string; columns: Column[]; rows: Row[]; initial: { key: string; desc: boolean } }) {
  const [sort, setSort] = useState(initial);
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
  return (
    <div className="overflow-x-auto rounded-lg border border-gray-200 bg-white">
      <table className="min-w-full divide-y divide-gray-200 text-sm">
        <caption className="sr-only">{caption}. Activate a column header to sort by it.</caption>
        <thead className="bg-gray-50">
          <tr>
            {columns.map((c) => {
              const active = sort.key === c.key;
              return (
                <th key={c.key} scope="col" aria-sort={active ? (sort.desc ? "descending" : "ascending") : "none"} className="whitespace-nowrap px-3 py-2 text-left font-medium text-gray-700">
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
              {columns.map((c) => (
                <td key={c.key} className={`whitespace-nowrap px-3 py-2 ${c.format && c.format !== "text" ? "text-right tabular-nums" : ""}`}>
                  {c.hrefKey && r[c.hrefKey] ? <Link className="font-medium text-blue-800 underline" href={String(r[c.hrefKey])}>{show(r[c.key], c.format)}</Link> : show(r[c.key], c.format)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
