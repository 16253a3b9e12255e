"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";

const ITEMS = [
  { href: "", label: "Overview" },
  { href: "/tasks", label: "Task types" },
  { href: "/calls", label: "Calls" },
  { href: "/traces", label: "Traces" },
  { href: "/simulate", label: "Simulate" },
  { href: "/policies", label: "Policies" },
  { href: "/evaluators", label: "Evaluators" },
  { href: "/review", label: "Review" },
  { href: "/alerts", label: "Alerts" },
  { href: "/settings", label: "Settings" },
];

export function NavLinks({ slug, unread = 0 }: { slug: string; unread?: number }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Team" className="flex flex-wrap gap-1 md:flex-col">
      {ITEMS.map((item) => {
        const href = `/${slug}${item.href}`;
        const active = item.href === "" ? pathname === href : pathname.startsWith(href);
        return (
          <Link
            key={item.label}
            href={href}
            aria-current={active ? "page" : undefined}
            aria-label={item.href === "/alerts" && unread > 0 ? `Alerts, ${unread} unread ${unread === 1 ? "firing" : "firings"}` : undefined}
            className={`whitespace-nowrap rounded-md px-3 py-2 text-sm font-medium ${
              active ? "bg-blue-50 text-blue-800" : "text-gray-700 hover:bg-gray-100"
            }`}
          >
            {item.label}
            {item.href === "/alerts" && unread > 0 && (
              <span aria-hidden className="ml-1.5 rounded-full bg-red-600 px-1.5 py-0.5 text-xs font-semibold text-white">{unread > 99 ? "99+" : unread}</span>
            )}
          </Link>
        );
      })}
    </nav>
  );
}
