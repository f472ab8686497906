import { index, integer, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";

/**
 * Per-user request counters for the API's rate limit (server/services/request-rate.ts), shared by
 * every app server: one row per caller per fixed one-minute window, pruned after a few minutes.
 * Not tenant data: the key is a hash of "user:<id>" or "address:<ip>", so no address is stored.
 */
export const requestRateCounts = pgTable(
  "request_rate_counts",
  {
    keyHash: text().notNull(),
    windowStart: timestamp({ withTimezone: true }).notNull(),
    calls: integer().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.keyHash, t.windowStart] }),
    index("request_rate_counts_window_start_idx").on(t.windowStart),
  ],
);
