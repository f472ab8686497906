import { index, integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

/**
 * One row per running worker process (server/worker/worker.ts), refreshed every few seconds while it
 * runs and deleted when it stops. /api/health reads the newest `seen_at`. Not tenant data.
 */
export const workerHeartbeats = pgTable(
  "worker_heartbeats",
  {
    id: uuid().primaryKey(),
    hostname: text().notNull(),
    pid: integer().notNull(),
    startedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    seenAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("worker_heartbeats_seen_at_idx").on(t.seenAt)],
);
