import { sql } from "drizzle-orm";
import {
  boolean,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { msps } from "./msps";
import { practices } from "./practices";

/** A vendor in the MSP's catalog, kept once however many practices use it. */
export const vendors = pgTable(
  "vendors",
  {
    id: uuid().primaryKey().defaultRandom(),
    mspId: uuid()
      .notNull()
      .references(() => msps.id),
    name: text().notNull(),
    category: text().notNull(),
    supportPhone: text().notNull().default(""),
    /** The support phone's digits only, so "5550100" finds "(303) 555-0100". */
    supportPhoneDigits: text().generatedAlwaysAs(
      sql`regexp_replace(support_phone, '[^0-9]', '', 'g')`,
    ),
    portalUrl: text().notNull().default(""),
    supportHours: text().notNull().default(""),
    baaOnFile: boolean().notNull().default(false),
    contractNotes: text().notNull().default(""),
    version: integer().notNull().default(1),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("vendors_msp_id_key").on(t.mspId, t.id),
    uniqueIndex("vendors_msp_name_key").on(t.mspId, sql`lower(${t.name})`),
  ],
);

export type EscalationLevel = {
  name: string;
  role: string;
  phone: string;
  email: string;
  hours: string;
};

/** A vendor used by a practice: the practice's own account number, its escalation ladder, and when it was last verified. */
export const practiceVendors = pgTable(
  "practice_vendors",
  {
    id: uuid().primaryKey().defaultRandom(),
    mspId: uuid()
      .notNull()
      .references(() => msps.id),
    practiceId: uuid().notNull(),
    vendorId: uuid().notNull(),
    accountNumber: text().notNull().default(""),
    notes: text().notNull().default(""),
    /** Ordered: level 1 first. */
    ladder: jsonb().$type<EscalationLevel[]>().notNull().default([]),
    /** The ladder's contact names, as a JSON array's text: what the command menu searches by name. */
    contactNames: text().generatedAlwaysAs(sql`jsonb_path_query_array(ladder, '$[*].name')::text`),
    /** The ladder's phones, digits only, comma-separated: what the command menu searches by number. */
    contactPhoneDigits: text().generatedAlwaysAs(
      sql`regexp_replace(jsonb_path_query_array(ladder, '$[*].phone')::text, '[^0-9,]', '', 'g')`,
    ),
    lastVerifiedAt: timestamp({ withTimezone: true }),
    lastVerifiedByName: text(),
    version: integer().notNull().default(1),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("practice_vendors_practice_vendor_key").on(t.mspId, t.practiceId, t.vendorId),
    index("practice_vendors_vendor_idx").on(t.mspId, t.vendorId),
    foreignKey({
      columns: [t.mspId, t.practiceId],
      foreignColumns: [practices.mspId, practices.id],
    }),
    foreignKey({ columns: [t.mspId, t.vendorId], foreignColumns: [vendors.mspId, vendors.id] }),
  ],
);
