import {
  boolean,
  check,
  foreignKey,
  index,
  integer,
  pgEnum,
  pgTable,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { systems } from "./dependencies";
import { msps } from "./msps";
import { practices } from "./practices";

export const restoreKind = pgEnum("restore_kind", ["file", "database", "whole_vm", "cloud_tenant"]);
export const restoreResult = pgEnum("restore_result", ["pass", "partial", "fail"]);

/** A system that is backed up: how often its restore is tested and what a good restore is. */
export const backupTargets = pgTable(
  "backup_targets",
  {
    id: uuid().primaryKey().defaultRandom(),
    mspId: uuid()
      .notNull()
      .references(() => msps.id),
    practiceId: uuid().notNull(),
    systemId: uuid().notNull(),
    cadenceDays: integer().notNull(),
    rtoMinutes: integer().notNull(),
    rpoMinutes: integer().notNull(),
    version: integer().notNull().default(1),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("backup_targets_system_key").on(t.mspId, t.systemId),
    index("backup_targets_practice_idx").on(t.mspId, t.practiceId),
    foreignKey({
      columns: [t.mspId, t.practiceId],
      foreignColumns: [practices.mspId, practices.id],
    }),
    foreignKey({
      columns: [t.mspId, t.systemId],
      foreignColumns: [systems.mspId, systems.id],
    }).onDelete("cascade"),
    check(
      "backup_targets_positive",
      sql`${t.cadenceDays} > 0 and ${t.rtoMinutes} > 0 and ${t.rpoMinutes} >= 0`,
    ),
  ],
);

/**
 * One restore test. Kept when its system is removed from the map (the name is copied), and never
 * deleted: a test recorded in error is withdrawn with a reason.
 */
export const restoreTests = pgTable(
  "restore_tests",
  {
    id: uuid().primaryKey().defaultRandom(),
    mspId: uuid()
      .notNull()
      .references(() => msps.id),
    practiceId: uuid().notNull(),
    systemId: uuid(),
    systemName: text().notNull(),
    kind: restoreKind().notNull(),
    testedAt: timestamp({ withTimezone: true }).notNull(),
    testedByName: text().notNull(),
    result: restoreResult().notNull(),
    /** Null only for a failed restore, which may have nothing to measure. */
    restoreMinutes: integer(),
    dataAgeMinutes: integer(),
    /** The targets in force when the test was recorded, so later target changes do not rewrite history. */
    rtoMinutes: integer().notNull(),
    rpoMinutes: integer().notNull(),
    evidence: text().notNull().default(""),
    /** Recorded with the test, for the quarterly figures: within the cadence of the test before it (the first counts), and every target met. */
    onTime: boolean().notNull().default(true),
    passed: boolean().notNull().default(false),
    recordedByUserId: uuid(),
    withdrawnAt: timestamp({ withTimezone: true }),
    withdrawnReason: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("restore_tests_system_idx").on(t.mspId, t.systemId, t.testedAt),
    index("restore_tests_practice_idx").on(t.mspId, t.practiceId, t.testedAt),
    index("restore_tests_msp_tested_idx").on(t.mspId, t.testedAt),
    unique("restore_tests_msp_id_key").on(t.mspId, t.id),
    foreignKey({
      columns: [t.mspId, t.practiceId],
      foreignColumns: [practices.mspId, practices.id],
    }),
    foreignKey({ columns: [t.systemId], foreignColumns: [systems.id] }).onDelete("set null"),
    check("restore_tests_minutes", sql`${t.restoreMinutes} >= 0 and ${t.dataAgeMinutes} >= 0`),
    check(
      "restore_tests_measured_unless_failed",
      sql`${t.result} = 'fail' or (${t.restoreMinutes} is not null and ${t.dataAgeMinutes} is not null)`,
    ),
  ],
);
