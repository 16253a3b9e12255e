// Next.js calls register() once per server process before serving requests: migrations and
// headless start-up run here. NEXT_RUNTIME is set by Next itself, not by the user.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startServer } = await import("@/lib/startup");
  try {
    await startServer();
  } catch (err) {
    // A server that cannot migrate or read its configuration would only answer 500s: stop instead.
    console.error(`[switchyard] cannot start: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  }
}
