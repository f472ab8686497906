/**
 * Whether an error means the database cannot be reached right now (stopped, restarting, the
 * connection cut from the server side, a network failure) rather than that the request was wrong.
 * Such a request is safe to retry once the database is back: the app answers 503 and says so.
 */

/** Node's socket errors and postgres.js' own connection errors. */
const connectionCodes = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ECONNABORTED",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "EHOSTDOWN",
  "ENETUNREACH",
  "ENETDOWN",
  "ENOTFOUND",
  "EAI_AGAIN",
  "CONNECTION_CLOSED",
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
  "CONNECT_TIMEOUT",
]);

/**
 * SQLSTATEs of an unavailable server: class 08 (connection exception), 57P01 admin shutdown (also
 * pg_terminate_backend), 57P02 crash shutdown, 57P03 cannot connect now (starting or stopping),
 * 57P05 idle session timeout, 53300 too many connections.
 */
function unavailableSqlState(code: string): boolean {
  return (
    /^08[0-9A-Z]{3}$/.test(code) || ["57P01", "57P02", "57P03", "57P05", "53300"].includes(code)
  );
}

export function isDatabaseUnavailable(error: unknown): boolean {
  const seen = new Set<unknown>();
  const pending: unknown[] = [error];
  while (pending.length > 0) {
    const current = pending.pop();
    if (!current || typeof current !== "object" || seen.has(current) || seen.size > 20) continue;
    seen.add(current);
    const { code, cause, errors } = current as {
      code?: unknown;
      cause?: unknown;
      errors?: unknown;
    };
    if (typeof code === "string" && (connectionCodes.has(code) || unavailableSqlState(code)))
      return true;
    pending.push(cause);
    // AggregateError: a connection tried on several addresses, each refused.
    if (Array.isArray(errors)) pending.push(...errors);
  }
  return false;
}

export const DATABASE_UNAVAILABLE_MESSAGE =
  "The database cannot be reached right now. Nothing was lost: try again in a moment.";

/** The digest a server-rendered page's error carries when the database was unreachable (app/error.tsx reads it). */
export const DATABASE_UNAVAILABLE_DIGEST = "STANDBY_DATABASE_UNAVAILABLE";
