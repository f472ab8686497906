import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  foreignKey,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import { msps } from "./msps";
import { users } from "./members";

/**
 * What one member wants to be told outside Standby, for the practices they see: outage events by
 * email and/or text message (to their own mobile number), and a daily digest email of due work. Their
 * own row only (RLS); recording an event finds the opted-in members through
 * standby_notification_members() (migration 0036).
 */
export const notificationPreferences = pgTable(
  "notification_preferences",
  {
    mspId: uuid()
      .notNull()
      .references(() => msps.id),
    userId: uuid().notNull(),
    outageEmail: boolean().notNull().default(false),
    outageSms: boolean().notNull().default(false),
    /** E.164, e.g. +15551234567. */
    mobile: text(),
    dailyDigest: boolean().notNull().default(false),
    /** The digest's time zone (IANA); null: where most of the practices they see are. */
    digestTimeZone: text(),
    /** The local hour (0–23) the digest goes at. */
    digestHour: integer().notNull().default(7),
    version: integer().notNull().default(1),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.mspId, t.userId] }),
    foreignKey({ columns: [t.mspId, t.userId], foreignColumns: [users.mspId, users.id] }).onDelete(
      "cascade",
    ),
    check("notification_preferences_mobile_e164", sql`${t.mobile} ~ '^\\+[1-9][0-9]{6,14}$'`),
    check(
      "notification_preferences_sms_has_mobile",
      sql`not ${t.outageSms} or ${t.mobile} is not null`,
    ),
    check("notification_preferences_digest_hour", sql`${t.digestHour} between 0 and 23`),
  ],
);
