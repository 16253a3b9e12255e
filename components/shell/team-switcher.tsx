"use client";
import { useRouter } from "next/navigation";

type Team = { slug: string; name: string };

const NEW_TEAM = "__new__";

/** A native select: keyboard and screen-reader friendly without extra code. */
export function TeamSwitcher({ teams, current }: { teams: Team[]; current: string }) {
  const router = useRouter();
  return (
    <label className="block">
      <span className="sr-only">Switch team</span>
      <select
        aria-label="Switch team"
        value={current}
        onChange={(e) => router.push(e.target.value === NEW_TEAM ? "/teams/new" : `/${e.target.value}`)}
        className="w-full truncate rounded-md border border-gray-300 bg-white py-2 pl-3 pr-8 text-sm font-medium"
      >
        {teams.map((t) => (
          <option key={t.slug} value={t.slug}>{t.name}</option>
        ))}
        <option value={NEW_TEAM}>+ New team…</option>
      </select>
    </label>
  );
}
