/** Runs once when a Standby server starts, before it answers any request. */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { installRequestHook } = await import("@/server/request-hook");
  installRequestHook(process.env);
}
