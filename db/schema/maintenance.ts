import { sql } from "drizzle-orm";
import {
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
import { systems } from "./dependencies";
import { incidents } from "./incidents";
import { msps } from "./msps";
import { practices } from "./practices";
import { vendors } from "./vendors";

export const maintenanceStatus = pgEnum("maintenance_status", [
  "scheduled",
  "in_progress",
  "completed",
  "cancelled",
]);

/**
 * A planned downtime at one practice. Start and end are moments (timestamptz), entered in the
 * practice's local time. `group_id` links the windows of one vendor maintenance night (one per
 * practice on that vendor); `series_id` the occurrences of one recurrence. `sequence` is the ICS
 * SEQUENCE of the invitations sent: it rises when the time changes or the window is cancelled, never
 * when only the text changes. `reminded_minutes` is the smallest reminder (minutes before the start)
 * already sent for the current time; `times_set_at` when the current time was set (reminders whose
 * moment had already passed then are not sent).
 */
export const maintenanceWindows = pgTable(
  "maintenance_windows",
  {
    id: uuid().primaryKey().defaultRandom(),
    mspId: uuid()
      .notNull()
      .references(() => msps.id),
    practiceId: uuid().notNull(),
    groupId: uuid(),
    vendorId: uuid(),
    seriesId: uuid(),
    title: text().notNull(),
    reason: text().notNull().default(""),
    startsAt: timestamp({ withTimezone: true }).notNull(),
    endsAt: timestamp({ withTimezone: true }).notNull(),
    status: maintenanceStatus().notNull().default("scheduled"),
    reminderMinutes: integer()
      .array()
      .notNull()
      .default(sql`'{4320,1440,60}'::integer[]`),
    remindedMinutes: integer(),
    timesSetAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    sequence: integer().notNull().default(0),
    startedAt: timestamp({ withTimezone: true }),
    endedAt: timestamp({ withTimezone: true }),
    cancelledAt: timestamp({ withTimezone: true }),
    cancelReason: text(),
    incidentId: uuid(),
    createdByUserId: uuid(),
    createdByName: text().notNull(),
    version: integer().notNull().default(1),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("maintenance_windows_practice_idx").on(t.mspId, t.practiceId, t.startsAt),
    index("maintenance_windows_live_idx")
      .on(t.mspId, t.startsAt)
      .where(sql`status in ('scheduled', 'in_progress')`),
    index("maintenance_windows_group_idx").on(t.mspId, t.groupId),
    unique("maintenance_windows_msp_id_key").on(t.mspId, t.id),
    foreignKey({
      columns: [t.mspId, t.practiceId],
      foreignColumns: [practices.mspId, practices.id],
    }),
    foreignKey({ columns: [t.mspId, t.vendorId], foreignColumns: [vendors.mspId, vendors.id] }),
    foreignKey({
      columns: [t.mspId, t.incidentId],
      foreignColumns: [incidents.mspId, incidents.id],
    }),
    check("maintenance_windows_ends_after_start", sql`${t.endsAt} > ${t.startsAt}`),
    check("maintenance_windows_title_given", sql`length(btrim(${t.title})) between 1 and 120`),
  ],
);

/** The systems taken down by a window (the name copied, as an incident's are). */
export const maintenanceWindowSystems = pgTable(
  "maintenance_window_systems",
  {
    mspId: uuid()
      .notNull()
      .references(() => msps.id),
    practiceId: uuid().notNull(),
    windowId: uuid().notNull(),
    systemId: uuid(),
    systemName: text().notNull(),
  },
  (t) => [
    uniqueIndex("maintenance_window_systems_key").on(t.mspId, t.windowId, t.systemId),
    index("maintenance_window_systems_system_idx").on(t.mspId, t.systemId),
    foreignKey({
      columns: [t.mspId, t.windowId],
      foreignColumns: [maintenanceWindows.mspId, maintenanceWindows.id],
    }).onDelete("cascade"),
    foreignKey({
      columns: [t.mspId, t.systemId],
      foreignColumns: [systems.mspId, systems.id],
    }),
  ],
);

/**
 * One item of a window's prep checklist, from the plan's maintenance-prep section: due a number of
 * minutes before the start (due_at follows the start when the window moves), an owner, done by whom
 * and when. `overdue_notified_at`: the overdue notice went out (once per due time).
 */
export const maintenancePrepItems = pgTable(
  "maintenance_prep_items",
  {
    id: uuid().primaryKey().defaultRandom(),
    mspId: uuid()
      .notNull()
      .references(() => msps.id),
    practiceId: uuid().notNull(),
    windowId: uuid().notNull(),
    position: integer().notNull(),
    label: text().notNull(),
    dueMinutesBefore: integer().notNull(),
    dueAt: timestamp({ withTimezone: true }).notNull(),
    ownerName: text().notNull().default(""),
    doneAt: timestamp({ withTimezone: true }),
    doneByUserId: uuid(),
    doneByName: text(),
    overdueNotifiedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    index("maintenance_prep_items_window_idx").on(t.mspId, t.windowId, t.position),
    index("maintenance_prep_items_due_idx")
      .on(t.mspId, t.dueAt)
      .where(sql`done_at is null and overdue_notified_at is null`),
    foreignKey({
      columns: [t.mspId, t.windowId],
      foreignColumns: [maintenanceWindows.mspId, maintenanceWindows.id],
    }).onDelete("cascade"),
    check("maintenance_prep_items_due_minutes", sql`${t.dueMinutesBefore} between 0 and 43200`),
  ],
);
