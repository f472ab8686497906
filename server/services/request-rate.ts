import "server-only";
import { createHash } from "node:crypto";
import { lt, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { requestRateCounts } from "@/db/schema";
import { rateWindow, type RateLimit } from "@/server/domain/request-limits";

/** Counters older than this are deleted (the current window and the one before stay). */
const KEEP_WINDOWS = 3;
/** Each process prunes at most this often. */
const PRUNE_EVERY_MS = 60_000;
let lastPrunedAt = 0;

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

const keyHashOf = (key: string) => createHash("sha256").update(`request-rate:${key}`).digest("hex");

/**
 * Counts `calls` against the caller's fixed window and says whether they are within the limit.
 * One statement in autocommit (an upsert that holds the counter's row lock only for itself), so
 * requests of the same person never queue behind each other, on one app server or several.
 * `key` is "user:<id>" or "address:<ip>"; only its hash is stored.
 */
export async function countRequest(
  key: string,
  calls: number,
  limit: RateLimit,
  now = new Date(),
): Promise<RateDecision> {
  const { start, retryAfterSeconds } = rateWindow(now, limit.windowSeconds);
  const db = getDb();
  const [row] = await db
    .insert(requestRateCounts)
    .values({ keyHash: keyHashOf(key), windowStart: start, calls })
    .onConflictDoUpdate({
      target: [requestRateCounts.keyHash, requestRateCounts.windowStart],
      set: { calls: sql`${requestRateCounts.calls} + ${calls}` },
    })
    .returning({ calls: requestRateCounts.calls });
  if (now.getTime() - lastPrunedAt > PRUNE_EVERY_MS) {
    lastPrunedAt = now.getTime();
    const cutoff = new Date(start.getTime() - KEEP_WINDOWS * limit.windowSeconds * 1000);
    // Uses the window_start index; a failed prune is retried by the next one.
    void db
      .delete(requestRateCounts)
      .where(lt(requestRateCounts.windowStart, cutoff))
      .catch(() => {});
  }
  return row && row.calls > limit.callsPerWindow
    ? { allowed: false, retryAfterSeconds }
    : { allowed: true };
}
