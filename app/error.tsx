"use client";
// Unexpected failures: say so plainly and offer a retry; the details are in the server log.
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main className="mx-auto flex min-h-screen max-w-md flex-col items-center justify-center gap-3 p-6 text-center">
      <h1 className="text-2xl font-semibold">Something went wrong</h1>
      <p className="text-gray-600">The page could not be loaded. The error was logged{error.digest ? ` (reference ${error.digest})` : ""}.</p>
      <button type="button" onClick={reset} className="rounded-md bg-blue-700 px-3 py-2 text-sm font-medium text-white hover:bg-blue-800">
        Try again
      </button>
    </main>
  );
}
