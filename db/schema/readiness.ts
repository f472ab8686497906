import {
  bigint,
  boolean,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import { msps } from "./msps";
import { practices } from "./practices";

/**
 * Each practice's readiness score and its parts, kept ready so the portfolio's first page sorted by
 * score reads one index whatever the number of practices. A row is stale from staleAt on: triggers
 * set it to -infinity when the practice's data changes, and it is otherwise the next moment a due
 * date passes. Stale rows are recomputed before they are read.
 */
export const practiceReadiness = pgTable(
  "practice_readiness",
  {
    mspId: uuid()
      .notNull()
      .references(() => msps.id),
    practiceId: uuid().notNull(),
    name: text().notNull(),
    archived: boolean().notNull(),
    score: integer().notNull(),
    parts: jsonb().$type<Record<string, unknown>>().notNull(),
    planCompleteness: integer().notNull(),
    backupsOverdue: integer().notNull(),
    backupsFailing: integer().notNull(),
    reviewOverdue: boolean().notNull(),
    urgentRisksOpen: integer().notNull(),
    activeIncident: boolean().notNull(),
    vendorsUnverified: integer().notNull(),
    staleAt: timestamp({ withTimezone: true, mode: "string" }).notNull(),
    refreshedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /** When the practice's rows in practice_quarter_figures must be recomputed (as staleAt, for the figures). */
    figuresStaleAt: timestamp({ withTimezone: true, mode: "string" })
      .notNull()
      .default("-infinity"),
    /** The database clock when those rows were last recomputed: an MSP-wide roll-up older than this is stale. */
    figuresRefreshedAt: timestamp({ withTimezone: true, mode: "string" })
      .notNull()
      .default("-infinity"),
  },
  (t) => [
    primaryKey({ columns: [t.mspId, t.practiceId] }),
    index("practice_readiness_score_idx").on(t.mspId, t.archived, t.score, t.name, t.practiceId),
    index("practice_readiness_stale_idx").on(t.mspId, t.staleAt),
    index("practice_readiness_figures_stale_idx").on(t.mspId, t.figuresStaleAt),
    index("practice_readiness_figures_refreshed_idx").on(t.mspId, t.figuresRefreshedAt),
    foreignKey({
      columns: [t.mspId, t.practiceId],
      foreignColumns: [practices.mspId, practices.id],
    }),
  ],
);

/**
 * Leadership's figures per practice and quarter (the quarter in the practice's own calendar),
 * aggregated from the raw records so the metrics read a few rows instead of every incident and
 * test. Medians cannot be added up, so the values they are taken from are kept as arrays.
 * Recomputed per practice when practice_readiness.figuresStaleAt has passed.
 */
export const practiceQuarterFigures = pgTable(
  "practice_quarter_figures",
  {
    mspId: uuid()
      .notNull()
      .references(() => msps.id),
    practiceId: uuid().notNull(),
    quarter: text().notNull(),
    incidents: integer().notNull(),
    downtimeMinutes: integer().notNull(),
    costCents: bigint({ mode: "number" }).notNull(),
    minutesToVendor: integer().array().notNull(),
    minutesToRestore: integer().array().notNull(),
    causes: jsonb().$type<Record<string, number>>().notNull(),
    backupTests: integer().notNull(),
    backupTestsOnTime: integer().notNull(),
    backupTestsPassed: integer().notNull(),
    reviews: integer().notNull(),
    reviewsOnTime: integer().notNull(),
    urgentRisksOpen: integer().notNull(),
    urgentRiskAgesDays: integer().array().notNull(),
    planCompleteness: integer(),
    /** Whether the plan in force at quarter end was within its review date; null without a published plan. */
    planCurrent: boolean(),
    vendorLinks: integer().notNull(),
    /** Vendor links verified in the 90 days up to the quarter's end. */
    vendorsVerified: integer().notNull(),
    drillsHeld: integer().notNull(),
    /** Minutes of planned maintenance (incidents of kind planned); the incidents and downtime above are unplanned. */
    plannedMinutes: integer().notNull().default(0),
    /** Maintenance windows that started in the quarter, and those whose prep list was all done on time. */
    maintenanceWindows: integer().notNull().default(0),
    prepListsOnTime: integer().notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.mspId, t.practiceId, t.quarter] }),
    index("practice_quarter_figures_quarter_idx").on(t.mspId, t.quarter),
    foreignKey({
      columns: [t.mspId, t.practiceId],
      foreignColumns: [practices.mspId, practices.id],
    }),
  ],
);

/**
 * The MSP-wide figures for its last eight quarters, rolled up from practice_quarter_figures. Fresh
 * while staleAt is ahead and no practice's figures were recomputed after practicesRefreshedAt.
 */
export const mspQuarterFigures = pgTable("msp_quarter_figures", {
  mspId: uuid()
    .primaryKey()
    .references(() => msps.id),
  figures: jsonb().$type<unknown[]>().notNull(),
  practicesRefreshedAt: timestamp({ withTimezone: true, mode: "string" }).notNull(),
  staleAt: timestamp({ withTimezone: true, mode: "string" }).notNull(),
  refreshedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});
