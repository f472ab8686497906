/** Next.js calls register() once when a server process starts (next start, next dev), before it answers any request. */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { installRequestHook } = await import("@/server/request-hook");
  installRequestHook(process.env);
  // Not while `next build` renders pages.
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  const { startHousekeeping } = await import("./server/housekeeping");
  void startHousekeeping();
}
