import { sql } from "drizzle-orm";
import {
  bigint,
  check,
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
import { msps } from "./msps";
import { practices } from "./practices";
import { systems } from "./dependencies";
import { monitorKindValues, monitorOutcomeValues, monitorStatusValues } from "./values";

export const monitorKind = pgEnum("monitor_kind", monitorKindValues);
export const monitorStatus = pgEnum("monitor_status", monitorStatusValues);
export const monitorOutcome = pgEnum("monitor_outcome", monitorOutcomeValues);

/**
 * What a monitor's kind needs besides its target (server/contracts/monitors.ts validates it):
 * http: expectedStatus, keyword + keywordMode ("present" | "absent"), degradedAboveMs;
 * dns: recordType, expectedValue; tls: daysLeftThreshold; heartbeat: graceSeconds.
 */
export type MonitorSettings = {
  expectedStatus?: number;
  keyword?: string;
  keywordMode?: "present" | "absent";
  degradedAboveMs?: number;
  recordType?: "A" | "AAAA" | "CNAME" | "MX" | "TXT" | "NS";
  expectedValue?: string;
  daysLeftThreshold?: number;
  graceSeconds?: number;
};

/**
 * A check on one system of a practice's dependency map. The worker claims it when next_check_at has
 * come (standby_monitor_checks_claim: FOR UPDATE SKIP LOCKED, one check in flight until
 * in_flight_until), records the result for that due time and moves next_check_at on.
 * A heartbeat monitor is checked the same way: down when no push (last_push_at) came within its
 * interval plus grace. Only a SHA-256 of its push token is kept.
 */
export const monitors = pgTable(
  "monitors",
  {
    id: uuid().primaryKey().defaultRandom(),
    mspId: uuid()
      .notNull()
      .references(() => msps.id),
    practiceId: uuid().notNull(),
    systemId: uuid().notNull(),
    name: text().notNull(),
    kind: monitorKind().notNull(),
    /** http(s): the URL; tcp, dns, tls: the host name or address; heartbeat: empty. */
    target: text().notNull().default(""),
    port: integer(),
    settings: jsonb().$type<MonitorSettings>().notNull().default({}),
    intervalSeconds: integer().notNull(),
    timeoutSeconds: integer().notNull(),
    retries: integer().notNull().default(0),
    failureThreshold: integer().notNull().default(3),
    recoveryThreshold: integer().notNull().default(2),
    status: monitorStatus().notNull().default("unknown"),
    consecutiveFailures: integer().notNull().default(0),
    consecutiveSuccesses: integer().notNull().default(0),
    statusChangedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastCheckedAt: timestamp({ withTimezone: true }),
    lastLatencyMs: integer(),
    lastError: text(),
    nextCheckAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    inFlightDueAt: timestamp({ withTimezone: true }),
    inFlightUntil: timestamp({ withTimezone: true }),
    pausedReason: text(),
    pausedUntil: timestamp({ withTimezone: true }),
    pushTokenHash: text(),
    lastPushAt: timestamp({ withTimezone: true }),
    /**
     * Set while the monitor fails because a system it depends on (through the map) is down: its
     * results are still stored, but it opens no suspected outage and sends nothing of its own.
     */
    unreachableSystemId: uuid(),
    unreachableBecause: text(),
    /**
     * The planned maintenance window covering its system (or one it depends on) at its last check:
     * while set, its failures are maintenance, and it opens no suspected outage.
     */
    maintenanceWindowId: uuid(),
    version: integer().notNull().default(1),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("monitors_practice_idx").on(t.mspId, t.practiceId, t.name),
    index("monitors_status_idx").on(t.mspId, t.status),
    unique("monitors_msp_id_key").on(t.mspId, t.id),
    uniqueIndex("monitors_push_token_key").on(t.pushTokenHash),
    // The due-check claim, across MSPs (standby_monitor_checks_claim).
    index("monitors_due_idx").on(t.nextCheckAt),
    foreignKey({
      columns: [t.mspId, t.practiceId],
      foreignColumns: [practices.mspId, practices.id],
    }),
    foreignKey({
      columns: [t.mspId, t.systemId],
      foreignColumns: [systems.mspId, systems.id],
    }).onDelete("cascade"),
    check("monitors_name_given", sql`length(btrim(${t.name})) between 1 and 80`),
    check("monitors_interval", sql`${t.intervalSeconds} between 30 and 3600`),
    check(
      "monitors_timeout",
      sql`${t.timeoutSeconds} >= 1 and ${t.timeoutSeconds} <= 30 and ${t.timeoutSeconds} * 5 <= ${t.intervalSeconds} * 4`,
    ),
    check("monitors_retries", sql`${t.retries} between 0 and 5`),
    check(
      "monitors_thresholds",
      sql`${t.failureThreshold} between 1 and 20 and ${t.recoveryThreshold} between 1 and 20`,
    ),
    check("monitors_paused_reason", sql`${t.status} <> 'paused' or ${t.pausedReason} is not null`),
  ],
);

/** One check's result, kept 30 days (then only the hourly rollups remain). One per (monitor, due time). */
export const monitorResults = pgTable(
  "monitor_results",
  {
    mspId: uuid()
      .notNull()
      .references(() => msps.id),
    practiceId: uuid().notNull(),
    monitorId: uuid().notNull(),
    dueAt: timestamp({ withTimezone: true }).notNull(),
    checkedAt: timestamp({ withTimezone: true }).notNull(),
    outcome: monitorOutcome().notNull(),
    latencyMs: integer(),
    error: text(),
    /** Taken during this planned maintenance window (of its system or one it depends on). */
    maintenanceWindowId: uuid(),
  },
  (t) => [
    // Per-monitor ranges (recent results, an hour to roll up) read this key.
    primaryKey({ columns: [t.mspId, t.monitorId, t.dueAt] }),
    index("monitor_results_msp_due_idx").on(t.mspId, t.dueAt),
    foreignKey({
      columns: [t.mspId, t.monitorId],
      foreignColumns: [monitors.mspId, monitors.id],
    }).onDelete("cascade"),
  ],
);

/** A monitor's results of one hour, summed; kept two years. */
export const monitorRollups = pgTable(
  "monitor_rollups",
  {
    mspId: uuid()
      .notNull()
      .references(() => msps.id),
    practiceId: uuid().notNull(),
    monitorId: uuid().notNull(),
    hour: timestamp({ withTimezone: true }).notNull(),
    checks: integer().notNull(),
    upChecks: integer().notNull(),
    degradedChecks: integer().notNull(),
    downChecks: integer().notNull(),
    latencyCount: integer().notNull(),
    latencySumMs: bigint({ mode: "number" }).notNull(),
    latencyMaxMs: integer(),
  },
  (t) => [
    primaryKey({ columns: [t.mspId, t.monitorId, t.hour] }),
    index("monitor_rollups_msp_hour_idx").on(t.mspId, t.hour),
    foreignKey({
      columns: [t.mspId, t.monitorId],
      foreignColumns: [monitors.mspId, monitors.id],
    }).onDelete("cascade"),
  ],
);

export const suspectedOutageStatus = pgEnum("suspected_outage_status", [
  "open",
  "declared",
  "dismissed",
  "cleared",
  "absorbed",
]);
export const suspectedOutageScope = pgEnum("suspected_outage_scope", ["local", "vendor_wide"]);
export const suspectedOutageEffect = pgEnum("suspected_outage_effect", ["down", "degraded"]);

/**
 * An outage the monitors saw before anyone declared it: one open per practice and cause system
 * (local), or one open per vendor across the MSP's practices (vendor_wide, practice_id null,
 * linking the local ones by vendor_wide_id). A person declares it (incident_id / incident_group_id)
 * or dismisses it with a reason; if the cause recovers first it clears itself (a blip, kept);
 * absorbed when a system it depends on turned out to be the cause.
 */
export const suspectedOutages = pgTable(
  "suspected_outages",
  {
    id: uuid().primaryKey().defaultRandom(),
    mspId: uuid()
      .notNull()
      .references(() => msps.id),
    practiceId: uuid(),
    scope: suspectedOutageScope().notNull().default("local"),
    status: suspectedOutageStatus().notNull().default("open"),
    effect: suspectedOutageEffect().notNull().default("down"),
    systemId: uuid(),
    systemName: text().notNull().default(""),
    vendorId: uuid(),
    vendorWideId: uuid(),
    monitorId: uuid(),
    openedAt: timestamp({ withTimezone: true }).notNull(),
    /** When the cause's monitors were all back (cleared, or later for a declared one). */
    recoveredAt: timestamp({ withTimezone: true }),
    endedAt: timestamp({ withTimezone: true }),
    dismissedReason: text(),
    endedByName: text(),
    incidentId: uuid(),
    incidentGroupId: uuid(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("suspected_outages_practice_idx").on(t.mspId, t.practiceId, t.openedAt),
    index("suspected_outages_open_idx")
      .on(t.mspId, t.openedAt)
      .where(sql`status = 'open'`),
    uniqueIndex("suspected_outages_one_open_key")
      .on(t.mspId, t.practiceId, t.systemId)
      .where(sql`status = 'open' and scope = 'local'`),
    uniqueIndex("suspected_outages_one_open_vendor_key")
      .on(t.mspId, t.vendorId)
      .where(sql`status = 'open' and scope = 'vendor_wide'`),
    index("suspected_outages_incident_idx").on(t.mspId, t.incidentId),
    unique("suspected_outages_msp_id_key").on(t.mspId, t.id),
    foreignKey({
      columns: [t.mspId, t.practiceId],
      foreignColumns: [practices.mspId, practices.id],
    }),
    foreignKey({
      columns: [t.mspId, t.vendorWideId],
      foreignColumns: [t.mspId, t.id],
    }),
    check(
      "suspected_outages_scope_shape",
      sql`(${t.scope} = 'local' and ${t.practiceId} is not null) or (${t.scope} = 'vendor_wide' and ${t.practiceId} is null and ${t.vendorId} is not null)`,
    ),
    check(
      "suspected_outages_dismissed_reason",
      sql`${t.status} <> 'dismissed' or length(btrim(coalesce(${t.dismissedReason}, ''))) between 1 and 500`,
    ),
  ],
);
