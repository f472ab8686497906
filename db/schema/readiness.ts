import { boolean, foreignKey, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
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
    mspId: uuid().notNull().references(() => msps.id),
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
  },
  (t) => [
    primaryKey({ columns: [t.mspId, t.practiceId] }),
    index("practice_readiness_score_idx").on(t.mspId, t.archived, t.score, t.name, t.practiceId),
    index("practice_readiness_stale_idx").on(t.mspId, t.staleAt),
    foreignKey({ columns: [t.mspId, t.practiceId], foreignColumns: [practices.mspId, practices.id] }),
  ],
);
