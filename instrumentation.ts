/**
 * Runs once when a Next.js server starts, before it answers requests: the environment is checked
 * here (server/env.ts), so a missing or malformed variable stops the start with a readable message
 * instead of failing requests later. Not during `next build`, which needs no secrets.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { env } = await import("@/server/env");
  try {
    env();
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
