/**
 * Whether the app (or its database) can be reached, as the browser sees it. Failed calls report
 * here; the banner (components/ui/connection-banner.tsx) shows "Connection lost — retrying…" while
 * it is lost and checks /api/health until the app answers again. No React here: unit-tested.
 */

/** Codes and statuses that mean "not reachable right now, try again", not "your request was wrong". */
const unavailableStatuses = new Set([502, 503, 504]);

/** A failed call's error: the server or its database could not be reached (a retry may succeed). */
export function isConnectionProblem(error: unknown): boolean {
  if (!error || typeof error !== "object") return false;
  // Over HTTP tRPC puts the code in error.data; a server-side (in-process) call has it on the error.
  const { data, code, message, cause, meta } = error as {
    data?: { code?: string; httpStatus?: number } | null;
    code?: unknown;
    message?: unknown;
    cause?: unknown;
    meta?: { response?: { status?: number } };
  };
  if (
    data?.code === "SERVICE_UNAVAILABLE" ||
    (data?.httpStatus !== undefined && unavailableStatuses.has(data.httpStatus))
  )
    return true;
  if (code === "SERVICE_UNAVAILABLE") return true;
  if (data) return false;
  // A proxy's 502/503/504 page: no tRPC answer at all.
  if (meta?.response?.status !== undefined && unavailableStatuses.has(meta.response.status))
    return true;
  // fetch() itself failed: offline, server down, connection reset (each browser words it differently).
  const text = typeof message === "string" ? message : "";
  return (
    cause instanceof TypeError ||
    error instanceof TypeError ||
    /failed to fetch|networkerror|load failed|network request failed|fetch failed/i.test(text)
  );
}

/** How long a query waits before its next try while the connection is lost: 1, 2, 4, 8 s, then every 10 s. */
export function retryDelayMs(failureCount: number): number {
  return Math.min(1000 * 2 ** Math.max(0, failureCount), 10_000);
}

/** Tries a query gets when the connection is lost (about a minute of backoff) — then the banner's recovery refetches it. */
export const CONNECTION_RETRIES = 8;

type Listener = () => void;
const listeners = new Set<Listener>();
let lost = false;

function set(value: boolean) {
  if (lost === value) return;
  lost = value;
  for (const listener of listeners) listener();
}

/** A call failed for want of a connection: the banner appears and starts checking. */
export function reportConnectionLost(): void {
  set(true);
}

/** The app answered again. */
export function reportConnectionBack(): void {
  set(false);
}

export function isConnectionLost(): boolean {
  return lost;
}

export function subscribeToConnection(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * Whether an answer of /api/health means the app and its database can be reached. A 503 that says
 * only that no background worker was seen (the database answers) is not a lost connection: people
 * can keep working.
 */
export async function healthSaysReachable(response: Response): Promise<boolean> {
  if (response.ok) return true;
  try {
    const body = (await response.json()) as { database?: { ok?: unknown } };
    return body.database?.ok === true;
  } catch {
    return false;
  }
}
