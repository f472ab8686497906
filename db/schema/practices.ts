import { sql } from "drizzle-orm";
import {
  boolean,
  foreignKey,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  unique,
  uuid,
} from "drizzle-orm/pg-core";
import { msps } from "./msps";

/** A client medical practice of an MSP. */
export const practices = pgTable(
  "practices",
  {
    id: uuid().primaryKey().defaultRandom(),
    mspId: uuid()
      .notNull()
      .references(() => msps.id),
    name: text().notNull(),
    timezone: text().notNull(),
    ehrProduct: text().notNull().default(""),
    downtimeCostPerMinuteCents: integer().notNull().default(0),
    isNewOffice: boolean().notNull().default(false),
    isMigrating: boolean().notNull().default(false),
    archivedAt: timestamp({ withTimezone: true }),
    version: integer().notNull().default(1),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("practices_msp_name_idx").on(t.mspId, t.name, t.id),
    unique("practices_msp_id_key").on(t.mspId, t.id),
  ],
);

/** A location of a practice; multi-site clinics have several. */
export const practiceSites = pgTable(
  "practice_sites",
  {
    id: uuid().primaryKey().defaultRandom(),
    mspId: uuid()
      .notNull()
      .references(() => msps.id),
    practiceId: uuid().notNull(),
    name: text().notNull(),
    address: text().notNull(),
    phone: text().notNull(),
    /** The phone's digits only, so "5550100" finds "(303) 555-0100". */
    phoneDigits: text().generatedAlwaysAs(sql`regexp_replace(phone, '[^0-9]', '', 'g')`),
    position: integer().notNull(),
  },
  (t) => [
    index("practice_sites_practice_idx").on(t.mspId, t.practiceId, t.position),
    foreignKey({
      columns: [t.mspId, t.practiceId],
      foreignColumns: [practices.mspId, practices.id],
    }),
  ],
);
