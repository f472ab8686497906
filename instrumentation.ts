/** Next.js calls register() once when a server process starts (next start, next dev). */
export async function register() {
  // Only in the Node.js server, and not while `next build` renders pages.
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { startHousekeeping } = await import("./server/housekeeping");
  void startHousekeeping();
}
