import { jsonb, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { msps } from "./msps";

/**
 * Actions that create things, remembered by the key their client sent: a retry of the same action
 * (a lost response, a double tap) returns the first result instead of creating it twice.
 */
export const idempotentActions = pgTable(
  "idempotent_actions",
  {
    mspId: uuid()
      .notNull()
      .references(() => msps.id),
    userId: uuid().notNull(),
    key: uuid().notNull(),
    action: text().notNull(),
    /** The first call's result (superjson), set in the same transaction as what it created. */
    result: jsonb(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.mspId, t.userId, t.key] })],
);
