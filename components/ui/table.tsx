// Plain semantic tables: scroll sideways on narrow screens instead of squeezing columns; the first column
// (what a row is) stays in view while the rest scrolls. `stacked`: on a phone each row's cells stand one
// under the other instead (for tables of few rows whose every cell matters, like the policy history).
const STACKED =
  "max-sm:[&_thead]:hidden max-sm:[&_tr]:block max-sm:[&_tr]:py-2 max-sm:[&_td]:block max-sm:[&_td]:whitespace-normal max-sm:[&_td]:min-w-0 max-sm:[&_td]:max-w-none max-sm:[&_td]:py-1 max-sm:[&_tbody_td:first-child]:static";

export function Table({ caption, head, children, stacked = false }: { caption: string; head: string[]; children: React.ReactNode; stacked?: boolean }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-gray-200 bg-white">
      <table className={`min-w-full divide-y divide-gray-200 text-sm [&_tbody_td:first-child]:sticky [&_tbody_td:first-child]:left-0 [&_tbody_td:first-child]:bg-white [&_thead_th:first-child]:sticky [&_thead_th:first-child]:left-0 [&_thead_th:first-child]:bg-gray-50 ${stacked ? STACKED : ""}`}>
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-gray-50">
          <tr>
            {head.map((h) => (
              <th key={h} scope="col" className="px-2 py-2 text-left align-bottom font-medium text-gray-700">{h}</th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-gray-100">{children}</tbody>
      </table>
    </div>
  );
}

export function Td({ children, className = "" }: { children: React.ReactNode; className?: string }) {
  // Cells do not wrap unless asked to (whitespace-normal): both classes at once would leave it to CSS order.
  const wrap = className.includes("whitespace-normal") ? "" : "whitespace-nowrap ";
  return <td className={`${wrap}px-2 py-2 align-middle ${className}`}>{children}</td>;
}
