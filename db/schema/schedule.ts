import { sql } from "drizzle-orm";
import {
  check,
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
import { incidents } from "./incidents";
import { msps } from "./msps";
import { practices } from "./practices";

/**
 * How a practice's schedule copy is kept: read from its EHR's FHIR API by the worker (SMART Backend
 * Services), or uploaded from the EHR's daily schedule report (CSV). One per practice.
 * The last good copy's time and the last error (with the request that failed, never patient data)
 * are kept here for the practice page and the readiness score.
 */
export const scheduleConnections = pgTable(
  "schedule_connections",
  {
    id: uuid().primaryKey().defaultRandom(),
    mspId: uuid()
      .notNull()
      .references(() => msps.id),
    practiceId: uuid().notNull(),
    source: text().$type<"fhir" | "csv">().notNull(),
    fhirBaseUrl: text(),
    clientId: text(),
    syncIntervalMinutes: integer().notNull().default(15),
    syncDaysAhead: integer().notNull().default(7),
    /** Copies are purged this many days after the appointment. */
    retentionDays: integer().notNull().default(14),
    /** The CSV report's column mapping, remembered for the next upload. */
    csvMapping: jsonb().$type<Record<string, string>>(),
    /** When the worker next reads the EHR (FHIR only); null when syncing is switched off. */
    nextSyncAt: timestamp({ withTimezone: true }),
    /** The time of the copy: when the last complete read (or upload) was applied. */
    refreshedAt: timestamp({ withTimezone: true }),
    lastErrorAt: timestamp({ withTimezone: true }),
    lastError: text(),
    /** "GET https://ehr.example/fhir/Appointment?…": what was asked when it failed. */
    lastErrorRequest: text(),
    version: integer().notNull().default(1),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("schedule_connections_practice_key").on(t.mspId, t.practiceId),
    unique("schedule_connections_msp_id_key").on(t.mspId, t.id),
    index("schedule_connections_due_idx").on(t.nextSyncAt),
    foreignKey({
      columns: [t.mspId, t.practiceId],
      foreignColumns: [practices.mspId, practices.id],
    }),
    check("schedule_connections_source", sql`${t.source} in ('fhir', 'csv')`),
    check(
      "schedule_connections_fhir_settings",
      sql`${t.source} <> 'fhir' or (${t.fhirBaseUrl} is not null and ${t.clientId} is not null)`,
    ),
    check(
      "schedule_connections_ranges",
      sql`${t.syncIntervalMinutes} between 5 and 1440 and ${t.syncDaysAhead} between 1 and 31 and ${t.retentionDays} between 1 and 14`,
    ),
  ],
);

/**
 * The keys Standby signs its SMART client assertions with, per connection. Every key not yet
 * retired is published at the connection's JWKS address; the newest unretired one signs. Rotation
 * adds a key (both published) and later retires the old one. The private key is sealed.
 */
export const scheduleSigningKeys = pgTable(
  "schedule_signing_keys",
  {
    id: uuid().primaryKey().defaultRandom(),
    mspId: uuid()
      .notNull()
      .references(() => msps.id),
    connectionId: uuid().notNull(),
    kid: text().notNull(),
    alg: text().$type<"ES384" | "RS384">().notNull(),
    publicJwk: jsonb().$type<Record<string, unknown>>().notNull(),
    privateJwkSealed: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    retiredAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    index("schedule_signing_keys_connection_idx").on(t.mspId, t.connectionId, t.createdAt),
    uniqueIndex("schedule_signing_keys_kid_key").on(t.connectionId, t.kid),
    foreignKey({
      columns: [t.mspId, t.connectionId],
      foreignColumns: [scheduleConnections.mspId, scheduleConnections.id],
    }).onDelete("cascade"),
    check("schedule_signing_keys_alg", sql`${t.alg} in ('ES384', 'RS384')`),
  ],
);

/**
 * A patient of the copy: only what continuity needs. Name, phone, email and birth date are sealed
 * with the patient-data key (server/domain/patient-box.ts); the database holds no plaintext of them.
 */
export const schedulePatients = pgTable(
  "schedule_patients",
  {
    id: uuid().primaryKey().defaultRandom(),
    mspId: uuid()
      .notNull()
      .references(() => msps.id),
    practiceId: uuid().notNull(),
    source: text().$type<"fhir" | "csv">().notNull(),
    resourceId: text().notNull(),
    versionId: text(),
    nameSealed: text().notNull(),
    phoneSealed: text(),
    emailSealed: text(),
    birthDateSealed: text(),
    preferredLanguage: text(),
    /** The latest appointment this patient has in the copy: the purge removes patients with none left. */
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("schedule_patients_resource_key").on(t.mspId, t.practiceId, t.source, t.resourceId),
    unique("schedule_patients_msp_id_key").on(t.mspId, t.id),
    foreignKey({
      columns: [t.mspId, t.practiceId],
      foreignColumns: [practices.mspId, practices.id],
    }),
  ],
);

/** An appointment of the copy. `removedAt` marks one the EHR no longer returns (deleted there). */
export const scheduleAppointments = pgTable(
  "schedule_appointments",
  {
    id: uuid().primaryKey().defaultRandom(),
    mspId: uuid()
      .notNull()
      .references(() => msps.id),
    practiceId: uuid().notNull(),
    source: text().$type<"fhir" | "csv">().notNull(),
    resourceId: text().notNull(),
    versionId: text(),
    patientId: uuid(),
    startsAt: timestamp({ withTimezone: true }).notNull(),
    minutes: integer().notNull(),
    providerName: text().notNull(),
    locationName: text().notNull().default(""),
    visitType: text().notNull().default(""),
    status: text().notNull(),
    removedAt: timestamp({ withTimezone: true }),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("schedule_appointments_resource_key").on(
      t.mspId,
      t.practiceId,
      t.source,
      t.resourceId,
    ),
    unique("schedule_appointments_msp_id_key").on(t.mspId, t.id),
    index("schedule_appointments_day_idx").on(t.mspId, t.practiceId, t.startsAt),
    foreignKey({
      columns: [t.mspId, t.practiceId],
      foreignColumns: [practices.mspId, practices.id],
    }),
    foreignKey({
      columns: [t.mspId, t.patientId],
      foreignColumns: [schedulePatients.mspId, schedulePatients.id],
    }).onDelete("set null"),
    check("schedule_appointments_minutes", sql`${t.minutes} between 0 and 1440`),
  ],
);

/**
 * What the front desk did on a downtime day, from the continuity schedule: an appointment marked
 * arrived, no-show, cancelled or rescheduled, or a walk-in added. Each becomes a line of the
 * incident's recovery reconciliation ("Enter 4 cancellations and 2 walk-ins into the EHR").
 * A walk-in's patient is sealed like the copy's.
 */
export const scheduleMarks = pgTable(
  "schedule_marks",
  {
    id: uuid().primaryKey().defaultRandom(),
    mspId: uuid()
      .notNull()
      .references(() => msps.id),
    practiceId: uuid().notNull(),
    incidentId: uuid().notNull(),
    appointmentId: uuid(),
    kind: text().$type<"arrived" | "no_show" | "cancelled" | "rescheduled" | "walk_in">().notNull(),
    walkInNameSealed: text(),
    walkInPhoneSealed: text(),
    walkInAt: timestamp({ withTimezone: true }),
    providerName: text(),
    note: text().notNull().default(""),
    markedByUserId: uuid(),
    markedByName: text().notNull(),
    markedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /** Entered into the EHR after recovery (the reconciliation line ticked for this one). */
    enteredAt: timestamp({ withTimezone: true }),
    enteredByName: text(),
    version: integer().notNull().default(1),
  },
  (t) => [
    index("schedule_marks_incident_idx").on(t.mspId, t.incidentId, t.markedAt),
    uniqueIndex("schedule_marks_appointment_key")
      .on(t.mspId, t.incidentId, t.appointmentId)
      .where(sql`${t.appointmentId} is not null`),
    foreignKey({
      columns: [t.mspId, t.incidentId],
      foreignColumns: [incidents.mspId, incidents.id],
    }),
    foreignKey({
      columns: [t.mspId, t.appointmentId],
      foreignColumns: [scheduleAppointments.mspId, scheduleAppointments.id],
    }).onDelete("cascade"),
    check(
      "schedule_marks_kind",
      sql`${t.kind} in ('arrived', 'no_show', 'cancelled', 'rescheduled', 'walk_in')`,
    ),
    check(
      "schedule_marks_walk_in",
      sql`case when ${t.kind} = 'walk_in' then ${t.appointmentId} is null and ${t.walkInNameSealed} is not null else ${t.appointmentId} is not null end`,
    ),
  ],
);
