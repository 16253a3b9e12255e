// Next.js calls register() once per server process before serving requests: migrations and
// headless start-up run here. NEXT_RUNTIME is set by Next itself, not by the user.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startOrExit } = await import("@/lib/startup");
  await startOrExit();
}
