import Link from "next/link";
import { NavLinks } from "@/components/shell/nav-links";
import { SignOutButton } from "@/components/shell/sign-out-button";
import { TeamSwitcher } from "@/components/shell/team-switcher";

type Props = {
  slug: string;
  teams: { slug: string; name: string }[];
  user: { email: string; name: string | null };
  role: string;
  /** Alert firings nobody has marked read: the bell's count. */
  unread?: number;
  children: React.ReactNode;
};

export function AppShell({ slug, teams, user, role, unread = 0, children }: Props) {
  return (
    <div className="md:flex">
      <aside className="border-b border-gray-200 bg-white p-3 md:sticky md:top-0 md:flex md:h-screen md:w-60 md:shrink-0 md:flex-col md:gap-4 md:border-b-0 md:border-r">
        <div className="mb-3 flex items-center justify-between gap-3 md:mb-0 md:block md:space-y-3">
          <Link href={`/${slug}`} className="text-lg font-semibold tracking-tight">Switchyard</Link>
          <div className="min-w-0 flex-1 md:flex-none">
            <TeamSwitcher teams={teams} current={slug} />
          </div>
        </div>
        <NavLinks slug={slug} unread={unread} />
        <Link href={`/${slug}/install`} className="mt-2 hidden rounded-md px-3 py-2 text-sm text-blue-700 hover:bg-blue-50 md:block">Install the SDK →</Link>
        <div className="mt-auto hidden space-y-1 border-t border-gray-200 pt-3 text-sm md:block">
          <p className="truncate font-medium" title={user.email}>{user.name ?? user.email}</p>
          <p className="text-gray-500">Role: {role}</p>
          <SignOutButton />
        </div>
      </aside>
      <main className="min-w-0 flex-1 p-4 sm:p-6 lg:p-8">
        {children}
        <div className="mt-8 flex items-center justify-between border-t border-gray-200 pt-3 text-sm md:hidden">
          <span className="truncate text-gray-600">{user.email} · {role}</span>
          <SignOutButton />
        </div>
      </main>
    </div>
  );
}
