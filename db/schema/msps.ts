import { boolean, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

/** A tenant: one managed IT provider. */
export const msps = pgTable("msps", {
  id: uuid().primaryKey().defaultRandom(),
  name: text().notNull(),
  /** Admins and technicians must sign in with two factors (they are sent to enrol first). */
  requireTwoFactor: boolean().notNull().default(false),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});
