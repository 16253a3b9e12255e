import type { Metadata } from "next";
import Link from "next/link";
import { CreateTeamForm } from "@/components/settings/create-team-form";
import { requireUser } from "@/lib/auth/session";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "New team" };

export default async function NewTeamPage() {
  await requireUser("/teams/new");
  return (
    <main className="mx-auto max-w-md space-y-6 p-6">
      <Link href="/" className="text-sm text-blue-700 underline">← Back</Link>
      <div className="rounded-lg border border-gray-200 bg-white p-6 shadow-sm">
        <h1 className="mb-4 text-lg font-semibold">Create a team</h1>
        <CreateTeamForm />
      </div>
    </main>
  );
}
