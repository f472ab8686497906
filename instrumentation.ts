/**
 * Next.js calls register() once when a server process starts (next start, next dev), before it
 * answers any request. The environment is checked first (server/env.ts), so a missing or malformed
 * variable stops the start with a readable message instead of failing requests later.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { installRequestHook } = await import("@/server/request-hook");
  installRequestHook(process.env);
  // `next build` needs no secrets.
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  const { env } = await import("@/server/env");
  try {
    env();
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
