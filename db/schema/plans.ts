import {
  date,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { msps } from "./msps";
import { practices } from "./practices";

/** The MSP's plan template: defaults for the sections every practice's plan starts from. */
export const planTemplates = pgTable(
  "plan_templates",
  {
    id: uuid().primaryKey().defaultRandom(),
    mspId: uuid()
      .notNull()
      .references(() => msps.id),
    content: jsonb().$type<Record<string, unknown>>().notNull(),
    version: integer().notNull().default(1),
    updatedByName: text().notNull(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("plan_templates_msp_key").on(t.mspId)],
);

/**
 * The draft plan of a practice, one row per section, so that two people editing different
 * sections never conflict; each row carries the version its editor must name to save.
 */
export const planSections = pgTable(
  "plan_sections",
  {
    id: uuid().primaryKey().defaultRandom(),
    mspId: uuid()
      .notNull()
      .references(() => msps.id),
    practiceId: uuid().notNull(),
    section: text().notNull(),
    content: jsonb().$type<Record<string, unknown>>().notNull(),
    version: integer().notNull().default(1),
    /**
     * A hash of the template's part for this section when the practice's copy was last based on it
     * (first saved, or a template change applied or kept). A different hash now means the template
     * changed since, and the practice is asked before anything is replaced.
     */
    templateBasis: text(),
    updatedByName: text().notNull(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("plan_sections_practice_section_key").on(t.mspId, t.practiceId, t.section),
    foreignKey({
      columns: [t.mspId, t.practiceId],
      foreignColumns: [practices.mspId, practices.id],
    }),
  ],
);

/** A published, frozen version of a practice's plan. Never updated or deleted. */
export const planVersions = pgTable(
  "plan_versions",
  {
    id: uuid().primaryKey().defaultRandom(),
    mspId: uuid()
      .notNull()
      .references(() => msps.id),
    practiceId: uuid().notNull(),
    number: integer().notNull(),
    content: jsonb().$type<Record<string, unknown>>().notNull(),
    completenessScore: integer().notNull(),
    nextReviewOn: date().notNull(),
    publishedByUserId: uuid(),
    publishedByName: text().notNull(),
    publishedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("plan_versions_practice_number_key").on(t.mspId, t.practiceId, t.number),
    foreignKey({
      columns: [t.mspId, t.practiceId],
      foreignColumns: [practices.mspId, practices.id],
    }),
  ],
);

/** Each time the downtime packet was printed or downloaded, and which version it showed. */
export const packetPrints = pgTable(
  "packet_prints",
  {
    id: uuid().primaryKey().defaultRandom(),
    mspId: uuid()
      .notNull()
      .references(() => msps.id),
    practiceId: uuid().notNull(),
    versionNumber: integer().notNull(),
    format: text().$type<"print" | "pdf">().notNull(),
    printedByUserId: uuid(),
    printedByName: text().notNull(),
    printedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("packet_prints_practice_idx").on(t.mspId, t.practiceId, t.printedAt.desc()),
    foreignKey({
      columns: [t.mspId, t.practiceId],
      foreignColumns: [practices.mspId, practices.id],
    }),
  ],
);
