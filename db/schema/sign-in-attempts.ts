import { integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/**
 * Failed sign-in counters shared by every app server. Not tenant data: the key is a hash of
 * "account:<email>", "ip:<address>" or "pair:<email>|<address>", so no email is stored here.
 */
export const signInAttempts = pgTable("sign_in_attempts", {
  keyHash: text().primaryKey(),
  failures: integer().notNull(),
  windowStartedAt: timestamp({ withTimezone: true }).notNull(),
  blockedUntil: timestamp({ withTimezone: true }),
});
