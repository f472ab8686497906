import { sql } from "drizzle-orm";
import {
  check,
  date,
  foreignKey,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { systems } from "./dependencies";
import { msps } from "./msps";
import { practices } from "./practices";
import { restoreTests } from "./backups";
import { incidents } from "./incidents";

export const riskSeverity = pgEnum("risk_severity", ["urgent", "high", "medium", "low"]);
export const riskCategory = pgEnum("risk_category", [
  "open_admin_access",
  "missing_mfa",
  "unknown_vendor_remote_access",
  "untested_backups",
  "account_compromise",
  "unsupported_devices",
  "other",
]);
export const riskStatus = pgEnum("risk_status", [
  "open",
  "fix_now",
  "scheduled",
  "accepted",
  "resolved",
]);
export const drillKind = pgEnum("drill_kind", ["tabletop", "live"]);

export type ChecklistAnswers = Record<string, { done: boolean; note: string }>;
export type SaferAnswers = Record<
  string,
  { rating: "in_place" | "partly" | "not_in_place" | null; note: string }
>;

/** A scheduled downtime exercise and, once held, what happened. */
export const drills = pgTable(
  "drills",
  {
    id: uuid().primaryKey().defaultRandom(),
    mspId: uuid()
      .notNull()
      .references(() => msps.id),
    practiceId: uuid().notNull(),
    kind: drillKind().notNull(),
    scenario: text().notNull(),
    scheduledFor: timestamp({ withTimezone: true }).notNull(),
    heldAt: timestamp({ withTimezone: true }),
    participants: jsonb().$type<string[]>().notNull().default([]),
    detectMinutes: integer(),
    declareMinutes: integer(),
    reachVendorMinutes: integer(),
    paperMinutes: integer(),
    recoverMinutes: integer(),
    findings: jsonb().$type<string[]>().notNull().default([]),
    version: integer().notNull().default(1),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("drills_practice_idx").on(t.mspId, t.practiceId, t.scheduledFor),
    index("drills_msp_held_idx").on(t.mspId, t.heldAt),
    unique("drills_msp_id_key").on(t.mspId, t.id),
    foreignKey({
      columns: [t.mspId, t.practiceId],
      foreignColumns: [practices.mspId, practices.id],
    }),
  ],
);

/**
 * A quarterly (or monthly) review. At most one is open per practice; signing it off freezes it
 * (a trigger refuses any later change) and keeps a snapshot of the readiness figures of that moment.
 */
export const reviews = pgTable(
  "reviews",
  {
    id: uuid().primaryKey().defaultRandom(),
    mspId: uuid()
      .notNull()
      .references(() => msps.id),
    practiceId: uuid().notNull(),
    dueOn: date({ mode: "string" }).notNull(),
    checklist: jsonb().$type<ChecklistAnswers>().notNull().default({}),
    safer: jsonb().$type<SaferAnswers>().notNull().default({}),
    findings: text().notNull().default(""),
    attendees: jsonb().$type<string[]>().notNull().default([]),
    signedOffAt: timestamp({ withTimezone: true }),
    signedOffByUserId: uuid(),
    signedOffByName: text(),
    snapshot: jsonb().$type<Record<string, unknown>>(),
    version: integer().notNull().default(1),
    updatedByName: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("reviews_practice_idx").on(t.mspId, t.practiceId, t.signedOffAt),
    index("reviews_msp_signed_off_idx").on(t.mspId, t.signedOffAt),
    uniqueIndex("reviews_one_open_per_practice")
      .on(t.mspId, t.practiceId)
      .where(sql`signed_off_at is null`),
    foreignKey({
      columns: [t.mspId, t.practiceId],
      foreignColumns: [practices.mspId, practices.id],
    }),
  ],
);

/** An entry of a practice's risk register. */
export const risks = pgTable(
  "risks",
  {
    id: uuid().primaryKey().defaultRandom(),
    mspId: uuid()
      .notNull()
      .references(() => msps.id),
    practiceId: uuid().notNull(),
    title: text().notNull(),
    description: text().notNull().default(""),
    severity: riskSeverity().notNull(),
    category: riskCategory().notNull(),
    owner: text().notNull().default(""),
    status: riskStatus().notNull().default("open"),
    scheduledFor: date({ mode: "string" }),
    acceptedReason: text(),
    acceptedUntil: date({ mode: "string" }),
    resolvedNote: text(),
    /** When the risk was last resolved (cleared when it is reopened): for "open at the end of a quarter". */
    resolvedAt: timestamp({ withTimezone: true }),
    /** Where the risk came from when Standby proposed it: a failed restore test or a drill finding. */
    fromRestoreTestId: uuid(),
    fromDrillId: uuid(),
    /** The drill finding (its text) the risk was raised from, so the finding shows it is in the register. */
    fromDrillFinding: text(),
    fromIncidentId: uuid(),
    version: integer().notNull().default(1),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("risks_practice_idx").on(t.mspId, t.practiceId, t.status, t.severity),
    index("risks_msp_severity_created_idx").on(t.mspId, t.severity, t.createdAt),
    unique("risks_msp_id_key").on(t.mspId, t.id),
    foreignKey({
      columns: [t.mspId, t.practiceId],
      foreignColumns: [practices.mspId, practices.id],
    }),
    foreignKey({
      columns: [t.mspId, t.fromRestoreTestId],
      foreignColumns: [restoreTests.mspId, restoreTests.id],
    }),
    foreignKey({ columns: [t.mspId, t.fromDrillId], foreignColumns: [drills.mspId, drills.id] }),
    /** One risk per drill finding. */
    uniqueIndex("risks_drill_finding_key")
      .on(t.mspId, t.fromDrillId, sql`md5(${t.fromDrillFinding})`)
      .where(sql`${t.fromDrillFinding} is not null`),
    foreignKey({
      columns: [t.mspId, t.fromIncidentId],
      foreignColumns: [incidents.mspId, incidents.id],
    }),
    check(
      "risks_scheduled_has_date",
      sql`${t.status} <> 'scheduled' or ${t.scheduledFor} is not null`,
    ),
    check(
      "risks_accepted_has_reason",
      sql`${t.status} <> 'accepted' or (${t.acceptedReason} is not null and ${t.acceptedUntil} is not null)`,
    ),
    check(
      "risks_resolved_has_note",
      sql`${t.status} <> 'resolved' or ${t.resolvedNote} is not null`,
    ),
  ],
);

/** The systems a risk concerns. */
export const riskSystems = pgTable(
  "risk_systems",
  {
    mspId: uuid()
      .notNull()
      .references(() => msps.id),
    practiceId: uuid().notNull(),
    riskId: uuid().notNull(),
    systemId: uuid().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.mspId, t.riskId, t.systemId] }),
    index("risk_systems_system_idx").on(t.mspId, t.systemId),
    foreignKey({ columns: [t.mspId, t.riskId], foreignColumns: [risks.mspId, risks.id] }).onDelete(
      "cascade",
    ),
    foreignKey({
      columns: [t.mspId, t.systemId],
      foreignColumns: [systems.mspId, systems.id],
    }).onDelete("cascade"),
  ],
);

/** The history of a risk: its creation, each status change and each edit. Append-only. */
export const riskEvents = pgTable(
  "risk_events",
  {
    id: uuid().primaryKey().defaultRandom(),
    mspId: uuid()
      .notNull()
      .references(() => msps.id),
    practiceId: uuid().notNull(),
    riskId: uuid().notNull(),
    kind: text().$type<"created" | "status" | "edited">().notNull(),
    fromStatus: riskStatus(),
    toStatus: riskStatus().notNull(),
    detail: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    actorUserId: uuid(),
    actorName: text().notNull(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("risk_events_risk_idx").on(t.mspId, t.riskId, t.at),
    index("risk_events_practice_idx").on(t.mspId, t.practiceId, t.at),
    foreignKey({ columns: [t.mspId, t.riskId], foreignColumns: [risks.mspId, risks.id] }),
  ],
);
