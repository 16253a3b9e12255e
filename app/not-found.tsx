import Link from "next/link";

export default function NotFound() {
  return (
    <main className="mx-auto flex min-h-screen max-w-md flex-col items-center justify-center gap-3 p-6 text-center">
      <p className="text-sm font-medium text-gray-500">404</p>
      <h1 className="text-2xl font-semibold">Page not found</h1>
      <p className="text-gray-600">This page does not exist, or you are not a member of the team it belongs to.</p>
      <Link href="/" className="text-blue-700 underline">Go to your teams</Link>
    </main>
  );
}
