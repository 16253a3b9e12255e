"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";

export function SettingsNav({ slug }: { slug: string }) {
  const pathname = usePathname();
  const items = [
    { href: `/${slug}/settings`, label: "General" },
    { href: `/${slug}/settings/members`, label: "Members" },
    { href: `/${slug}/settings/api-keys`, label: "API keys" },
    { href: `/${slug}/settings/models`, label: "Models" },
  ];
  return (
    <nav aria-label="Settings" className="flex gap-1 overflow-x-auto border-b border-gray-200">
      {items.map((item) => {
        const active = pathname === item.href;
        return (
          <Link
            key={item.href}
            href={item.href}
            aria-current={active ? "page" : undefined}
            className={`-mb-px whitespace-nowrap border-b-2 px-3 py-2 text-sm font-medium ${
              active ? "border-blue-700 text-blue-800" : "border-transparent text-gray-600 hover:text-gray-900"
            }`}
          >
            {item.label}
          </Link>
        );
      })}
    </nav>
  );
}
