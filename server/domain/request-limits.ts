/**
 * The limits of Standby's API (the tRPC route), in one place: request body size, batch size, the
 * per-user request rate and the number of live streams a person may hold open. Pure: the route
 * (server/trpc-route.ts) applies them; the browser's client (components/trpc/client.tsx) batches
 * within the same batch size.
 */

/** Calls the browser's client puts in one HTTP request at most (httpBatchLink maxItems); the server refuses larger batches. */
export const MAX_BATCH_SIZE = 20;

const MiB = 1024 * 1024;
/** Largest request body for most calls: a plan with every section full is about 60 KB. */
export const REQUEST_BODY_LIMIT_BYTES = 1 * MiB;
/**
 * The vendor CSV import sends the file itself (at most 1,000,000 characters, see csvImportSchema):
 * up to 3 bytes each in UTF-8 plus JSON's escaping of quotes, so its calls may send up to 4 MB.
 */
export const CSV_IMPORT_BODY_LIMIT_BYTES = 4 * MiB;
const largeBodyProcedures: ReadonlySet<string> = new Set([
  "vendors.previewImport",
  "vendors.commitImport",
  // A schedule report is at most 2 MB of text (scheduleReportSchema): within the same 4 MB.
  "scheduleSettings.previewReport",
  "scheduleSettings.uploadReport",
]);

/** The body limit for a request calling these procedures (a batch gets the largest of its calls' limits). */
export function bodyLimitFor(paths: readonly string[]): number {
  return paths.some((path) => largeBodyProcedures.has(path))
    ? CSV_IMPORT_BODY_LIMIT_BYTES
    : REQUEST_BODY_LIMIT_BYTES;
}

export const formatBytes = (bytes: number) => `${Math.round(bytes / MiB)} MB`;

export const bodyTooLargeMessage = (limit: number) =>
  `This request is too large (more than ${formatBytes(limit)}). Send less at once.`;

// ---------------------------------------------------------------------------------------------
// Per-user request rate: a fixed-window counter per person (or, for the few calls open to anyone,
// per client address), kept in PostgreSQL so it holds across any number of app servers.

export type RateLimit = { callsPerWindow: number; windowSeconds: number };

/** 1,200 calls a minute: twenty a second, sustained. The 50-user load run peaks near 3 a second per person. */
export const DEFAULT_CALLS_PER_MINUTE = 1_200;

/** REQUEST_RATE_LIMIT_PER_MINUTE (default 1,200; 0 turns the limit off). Null when off. */
export function requestRateLimitFromEnv(
  env: Record<string, string | undefined> = process.env,
): RateLimit | null {
  const raw = env.REQUEST_RATE_LIMIT_PER_MINUTE?.trim();
  const calls = raw ? Number(raw) : DEFAULT_CALLS_PER_MINUTE;
  if (!Number.isInteger(calls) || calls < 0)
    throw new Error(
      `REQUEST_RATE_LIMIT_PER_MINUTE must be a whole number (0 turns the limit off), not "${raw}".`,
    );
  return calls === 0 ? null : { callsPerWindow: calls, windowSeconds: 60 };
}

/** The fixed window `now` falls in, and the whole seconds until it ends (at least 1). */
export function rateWindow(
  now: Date,
  windowSeconds: number,
): { start: Date; retryAfterSeconds: number } {
  const windowMs = windowSeconds * 1000;
  const start = Math.floor(now.getTime() / windowMs) * windowMs;
  return {
    start: new Date(start),
    retryAfterSeconds: Math.max(1, Math.ceil((start + windowMs - now.getTime()) / 1000)),
  };
}

export const rateLimitedMessage = (retryAfterSeconds: number) =>
  `Too many requests from your account in the last minute. Wait ${retryAfterSeconds} second${retryAfterSeconds === 1 ? "" : "s"} and try again.`;

// ---------------------------------------------------------------------------------------------
// Live streams (the incident timeline): each holds a connection and a LISTEN wake-up for as long as
// it is open, so one person may hold a bounded number per app server.

export const MAX_LIVE_STREAMS_PER_USER = 10;

export const tooManyStreamsMessage = `You have too many live views open (${MAX_LIVE_STREAMS_PER_USER}). Close some Standby tabs, then press Reconnect.`;

/** Open streams per key (a user id), capped; a slot is given back when its stream ends. */
export class StreamSlots {
  private readonly open = new Map<string, number>();

  constructor(private readonly max: number) {}

  /** Takes a slot for the key, or returns null when it holds the maximum already. The release is safe to call twice. */
  take(key: string): (() => void) | null {
    const count = this.open.get(key) ?? 0;
    if (count >= this.max) return null;
    this.open.set(key, count + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.open.get(key) ?? 1) - 1;
      if (left > 0) this.open.set(key, left);
      else this.open.delete(key);
    };
  }

  count(key: string): number {
    return this.open.get(key) ?? 0;
  }
}
