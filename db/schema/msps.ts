import { pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

/** A tenant: one managed IT provider. */
export const msps = pgTable("msps", {
  id: uuid().primaryKey().defaultRandom(),
  name: text().notNull(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});
