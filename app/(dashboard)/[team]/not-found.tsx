"use client";
// Inside a team the shell stays: an unknown call, trace or page of one's own team answers 404 here.
// (A non-member never gets this far: the team layout's own 404 is the root page.)
import Link from "next/link";
import { usePathname } from "next/navigation";

export default function TeamNotFound() {
  const slug = (usePathname() ?? "").split("/")[1] ?? "";
  return (
    <div className="mx-auto max-w-md py-16 text-center">
      <p className="text-sm font-medium text-gray-500">404</p>
      <h1 className="mt-1 text-2xl font-semibold">Not found in this team</h1>
      <p className="mt-2 text-gray-600">No call, trace or page of this team has this address. Ids are case-sensitive.</p>
      <div className="mt-4 flex justify-center gap-4 text-sm">
        <Link href={`/${slug}/calls`} className="text-blue-800 underline">Calls</Link>
        <Link href={`/${slug}/traces`} className="text-blue-800 underline">Traces</Link>
        <Link href={`/${slug}`} className="text-blue-800 underline">Overview</Link>
      </div>
    </div>
  );
}
