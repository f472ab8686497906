import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  date,
  foreignKey,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { systems } from "./dependencies";
import { msps } from "./msps";
import { practices } from "./practices";
import { incidentStatusValues } from "./values";
import { vendors } from "./vendors";

export const incidentStatus = pgEnum("incident_status", incidentStatusValues);
export const incidentSeverity = pgEnum("incident_severity", ["critical", "major", "minor"]);
/** planned: a maintenance window run as an incident (db/schema/maintenance.ts); unplanned: an outage. */
export const incidentKind = pgEnum("incident_kind", ["unplanned", "planned"]);
export const incidentScope = pgEnum("incident_scope", ["local", "vendor_wide", "unknown"]);
export const incidentCause = pgEnum("incident_cause", [
  "power",
  "network",
  "hardware",
  "vendor",
  "human_error",
  "cyberattack",
  "disaster",
  "other",
]);

export type TriageAnswers = {
  checks: { check: string; answer: string }[];
  otherCloudAppsWork: string;
  planSteps: { text: string; done: boolean }[];
};

/** Incidents of several practices linked as one vendor-wide outage. */
export const incidentGroups = pgTable(
  "incident_groups",
  {
    id: uuid().primaryKey().defaultRandom(),
    mspId: uuid()
      .notNull()
      .references(() => msps.id),
    vendorId: uuid().notNull(),
    createdByName: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("incident_groups_msp_id_key").on(t.mspId, t.id),
    foreignKey({ columns: [t.mspId, t.vendorId], foreignColumns: [vendors.mspId, vendors.id] }),
  ],
);

/** An outage at one practice, from declaration to close. */
export const incidents = pgTable(
  "incidents",
  {
    id: uuid().primaryKey().defaultRandom(),
    mspId: uuid()
      .notNull()
      .references(() => msps.id),
    practiceId: uuid().notNull(),
    title: text().notNull(),
    kind: incidentKind().notNull().default("unplanned"),
    severity: incidentSeverity().notNull(),
    patientCareInterrupted: boolean().notNull(),
    startedAt: timestamp({ withTimezone: true }).notNull(),
    status: incidentStatus().notNull().default("investigating"),
    scope: incidentScope().notNull().default("unknown"),
    scopeConfirmedByName: text(),
    triage: jsonb().$type<TriageAnswers>(),
    ownerName: text().notNull(),
    ownerPhone: text().notNull().default(""),
    updateEveryMinutes: integer().notNull().default(30),
    lastUpdateAt: timestamp({ withTimezone: true }),
    resolvedAt: timestamp({ withTimezone: true }),
    closedAt: timestamp({ withTimezone: true }),
    closedByName: text(),
    closeOverrideReason: text(),
    groupId: uuid(),
    /**
     * Closed as a duplicate of this outage at the same practice (its close reason is "duplicate").
     * Set only together with status closed; the main outage is never itself a duplicate.
     */
    duplicateOfIncidentId: uuid(),
    /** The last timeline sequence number: entries are numbered 1, 2, 3… under this row's lock. */
    lastSeq: integer().notNull().default(0),
    reviewCause: incidentCause(),
    reviewWentWell: text(),
    reviewToChange: text(),
    reviewedByName: text(),
    reviewedAt: timestamp({ withTimezone: true }),
    createdByUserId: uuid(),
    createdByName: text().notNull(),
    version: integer().notNull().default(1),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("incidents_msp_started_idx").on(t.mspId, t.startedAt),
    index("incidents_practice_started_idx").on(t.mspId, t.practiceId, t.startedAt),
    index("incidents_open_idx")
      .on(t.mspId, t.practiceId)
      .where(sql`status not in ('resolved', 'closed')`),
    index("incidents_group_idx").on(t.mspId, t.groupId),
    unique("incidents_msp_id_key").on(t.mspId, t.id),
    foreignKey({
      columns: [t.mspId, t.practiceId],
      foreignColumns: [practices.mspId, practices.id],
    }),
    foreignKey({
      columns: [t.mspId, t.groupId],
      foreignColumns: [incidentGroups.mspId, incidentGroups.id],
    }),
    check("incidents_update_every", sql`${t.updateEveryMinutes} between 5 and 1440`),
    index("incidents_duplicate_of_idx")
      .on(t.mspId, t.duplicateOfIncidentId)
      .where(sql`duplicate_of_incident_id is not null`),
    foreignKey({
      name: "incidents_duplicate_of_fk",
      columns: [t.mspId, t.duplicateOfIncidentId],
      foreignColumns: [t.mspId, t.id],
    }),
    check(
      "incidents_duplicate_closed",
      sql`${t.duplicateOfIncidentId} is null or (${t.status} = 'closed' and ${t.duplicateOfIncidentId} <> ${t.id})`,
    ),
  ],
);

/**
 * The systems that are down in an incident (the ones that depend on them are affected, computed from
 * the map). The name is copied when the incident is declared, so removing a system from the map
 * keeps it in past incidents' "what was down": only system_id is set to null (migration 0030 writes
 * the foreign key as ON DELETE SET NULL (system_id), keeping msp_id).
 */
export const incidentSystems = pgTable(
  "incident_systems",
  {
    mspId: uuid()
      .notNull()
      .references(() => msps.id),
    practiceId: uuid().notNull(),
    incidentId: uuid().notNull(),
    systemId: uuid(),
    systemName: text().notNull(),
  },
  (t) => [
    uniqueIndex("incident_systems_incident_system_key").on(t.mspId, t.incidentId, t.systemId),
    index("incident_systems_system_idx").on(t.mspId, t.systemId),
    foreignKey({
      columns: [t.mspId, t.incidentId],
      foreignColumns: [incidents.mspId, incidents.id],
    }),
    foreignKey({
      columns: [t.mspId, t.systemId],
      foreignColumns: [systems.mspId, systems.id],
    }).onDelete("set null"),
  ],
);

/**
 * A ticket with a vendor. On linked incidents each incident keeps its own copy, tied by sharedKey,
 * so every practice sees the shared tickets within its own scope.
 */
export const vendorTickets = pgTable(
  "vendor_tickets",
  {
    id: uuid().primaryKey().defaultRandom(),
    mspId: uuid()
      .notNull()
      .references(() => msps.id),
    practiceId: uuid().notNull(),
    incidentId: uuid().notNull(),
    sharedKey: uuid().notNull(),
    vendorId: uuid().notNull(),
    ticketNumber: text().notNull(),
    openedAt: timestamp({ withTimezone: true }).notNull(),
    etaAt: timestamp({ withTimezone: true }),
    createdByName: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("vendor_tickets_incident_idx").on(t.mspId, t.incidentId, t.openedAt),
    uniqueIndex("vendor_tickets_shared_key").on(t.mspId, t.incidentId, t.sharedKey),
    unique("vendor_tickets_msp_id_key").on(t.mspId, t.id),
    foreignKey({
      columns: [t.mspId, t.incidentId],
      foreignColumns: [incidents.mspId, incidents.id],
    }),
    foreignKey({ columns: [t.mspId, t.vendorId], foreignColumns: [vendors.mspId, vendors.id] }),
  ],
);

/** One escalation of a vendor ticket: the ladder level reached, who escalated, when. */
export const ticketEscalations = pgTable(
  "ticket_escalations",
  {
    id: uuid().primaryKey().defaultRandom(),
    mspId: uuid()
      .notNull()
      .references(() => msps.id),
    practiceId: uuid().notNull(),
    ticketId: uuid().notNull(),
    sharedKey: uuid().notNull(),
    level: integer().notNull(),
    contactName: text().notNull().default(""),
    escalatedByName: text().notNull(),
    escalatedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    index("ticket_escalations_ticket_idx").on(t.mspId, t.ticketId, t.escalatedAt),
    uniqueIndex("ticket_escalations_shared_key").on(t.mspId, t.ticketId, t.sharedKey),
    foreignKey({
      columns: [t.mspId, t.ticketId],
      foreignColumns: [vendorTickets.mspId, vendorTickets.id],
    }),
  ],
);

/** The incident's timeline, numbered per incident. Append-only. */
export const incidentEvents = pgTable(
  "incident_events",
  {
    id: uuid().primaryKey().defaultRandom(),
    mspId: uuid()
      .notNull()
      .references(() => msps.id),
    practiceId: uuid().notNull(),
    incidentId: uuid().notNull(),
    seq: integer().notNull(),
    kind: text()
      .$type<
        | "declared"
        | "status"
        | "update"
        | "scope"
        | "ticket"
        | "escalation"
        | "eta"
        | "checklist"
        | "log"
        | "closed"
        | "linked"
        | "review"
        | "duplicate"
      >()
      .notNull(),
    body: text().notNull().default(""),
    detail: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    /** Set on updates shared by linked incidents: the same key in every incident of the group. */
    sharedKey: uuid(),
    authorUserId: uuid(),
    authorName: text().notNull(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /** When the author wrote it, if it waited on their device for the connection (`at` is when it reached Standby). */
    writtenAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    uniqueIndex("incident_events_seq_key").on(t.mspId, t.incidentId, t.seq),
    foreignKey({
      columns: [t.mspId, t.incidentId],
      foreignColumns: [incidents.mspId, incidents.id],
    }),
  ],
);

/** The recovery reconciliation checklist, generated from the plan when the incident is resolved. */
export const reconciliationItems = pgTable(
  "reconciliation_items",
  {
    id: uuid().primaryKey().defaultRandom(),
    mspId: uuid()
      .notNull()
      .references(() => msps.id),
    practiceId: uuid().notNull(),
    incidentId: uuid().notNull(),
    position: integer().notNull(),
    label: text().notNull(),
    checkedAt: timestamp({ withTimezone: true }),
    checkedByUserId: uuid(),
    checkedByName: text(),
  },
  (t) => [
    index("reconciliation_items_incident_idx").on(t.mspId, t.incidentId, t.position),
    foreignKey({
      columns: [t.mspId, t.incidentId],
      foreignColumns: [incidents.mspId, incidents.id],
    }),
  ],
);

/**
 * The downtime documentation log: each paper record made during the outage. Holds patient data:
 * only the practice's scope sees it (never leadership), every read is audited, and it appears in
 * no export, notification or timeline.
 */
export const downtimeLogEntries = pgTable(
  "downtime_log_entries",
  {
    id: uuid().primaryKey().defaultRandom(),
    mspId: uuid()
      .notNull()
      .references(() => msps.id),
    practiceId: uuid().notNull(),
    incidentId: uuid().notNull(),
    patient: text().notNull(),
    visitDate: date({ mode: "string" }).notNull(),
    provider: text().notNull(),
    reason: text().notNull().default(""),
    orders: text().notNull().default(""),
    followUp: text().notNull().default(""),
    recordedByName: text().notNull(),
    enteredAt: timestamp({ withTimezone: true }),
    enteredByUserId: uuid(),
    enteredByName: text(),
    verifiedAt: timestamp({ withTimezone: true }),
    verifiedByUserId: uuid(),
    verifiedByName: text(),
    version: integer().notNull().default(1),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /** When it was written, if it waited on the author's device for the connection (`createdAt` is when it reached Standby). */
    writtenAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    index("downtime_log_entries_incident_idx").on(t.mspId, t.incidentId, t.createdAt),
    foreignKey({
      columns: [t.mspId, t.incidentId],
      foreignColumns: [incidents.mspId, incidents.id],
    }),
    check(
      "downtime_log_verifier_differs",
      sql`${t.verifiedByUserId} is null or ${t.verifiedByUserId} is distinct from ${t.enteredByUserId}`,
    ),
    check(
      "downtime_log_verified_after_entered",
      sql`${t.verifiedAt} is null or ${t.enteredAt} is not null`,
    ),
  ],
);
