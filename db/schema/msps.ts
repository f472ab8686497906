import { boolean, integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

/** A tenant: one managed IT provider. */
export const msps = pgTable("msps", {
  id: uuid().primaryKey().defaultRandom(),
  name: text().notNull(),
  /** Admins and technicians must sign in with two factors (they are sent to enrol first). */
  requireTwoFactor: boolean().notNull().default(false),
  /**
   * The MSP's help desk ("support line"), shown to every member: the header's help menu, each
   * practice's Who to call card, the downtime packet and the empty states. Empty: not set yet.
   */
  supportPhone: text().notNull().default(""),
  supportEmail: text().notNull().default(""),
  supportHours: text().notNull().default(""),
  /** The support line's version: an admin's save names the one they read (a mismatch is a conflict). */
  supportLineVersion: integer().notNull().default(1),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});
