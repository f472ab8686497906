import { sql } from "drizzle-orm";
import {
  check,
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
import { msps } from "./msps";
import { practices } from "./practices";

export const channelKind = pgEnum("channel_kind", ["email", "teams", "slack", "webhook", "sms"]);
export const deliveryStatus = pgEnum("delivery_status", [
  /** Waiting for its (next) attempt. */
  "pending",
  /** Claimed by a worker until claimed_until; a worker that died leaves it to be claimed again. */
  "sending",
  "delivered",
  /** Taken by the receiver, which cannot confirm delivery (Teams' 202). */
  "accepted",
  /** Not retried (any more): a 4xx, 24 hours of failures, or the channel was removed or paused. */
  "failed",
  /** No channel configured: kept in the outbox to be read in Standby, never sent. */
  "outbox",
]);

/**
 * A place an MSP sends notifications: MSP-wide (practice_id null) or one practice's own. For an event
 * at a practice, the practice's own channels that take the event replace the MSP-wide ones. `settings` holds what may be shown (the
 * recipients, a sending number); `secret_sealed` what may not (a webhook address, which is itself a
 * credential for Teams and Slack; signing secrets; an SMS token), sealed (server/domain/secret-box.ts).
 */
export const notificationChannels = pgTable(
  "notification_channels",
  {
    id: uuid().primaryKey().defaultRandom(),
    mspId: uuid()
      .notNull()
      .references(() => msps.id),
    practiceId: uuid(),
    kind: channelKind().notNull(),
    name: text().notNull(),
    settings: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    secretSealed: text(),
    /** Shown in place of the secret: "••••••••abcd". */
    secretHint: text(),
    /** The events this channel receives (notificationEvents keys). */
    events: text()
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    consecutiveFailures: integer().notNull().default(0),
    pausedAt: timestamp({ withTimezone: true }),
    pausedReason: text(),
    /** Removed channels stay for the delivery log's sake; they receive nothing. */
    removedAt: timestamp({ withTimezone: true }),
    version: integer().notNull().default(1),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("notification_channels_msp_idx").on(t.mspId, t.practiceId),
    unique("notification_channels_msp_id_unique").on(t.mspId, t.id),
    foreignKey({
      columns: [t.mspId, t.practiceId],
      foreignColumns: [practices.mspId, practices.id],
    }),
    check("notification_channels_name_given", sql`length(btrim(${t.name})) between 1 and 80`),
  ],
);

/**
 * Something that happened that people outside Standby are told about. `dedupe_key` makes an event
 * recorded twice (a due-date check that runs again, a retried request) one event.
 */
export const notificationEvents = pgTable(
  "notification_events",
  {
    id: uuid().primaryKey().defaultRandom(),
    mspId: uuid()
      .notNull()
      .references(() => msps.id),
    practiceId: uuid(),
    kind: text().notNull(),
    headline: text().notNull(),
    status: text(),
    linkPath: text().notNull(),
    dedupeKey: text().notNull(),
    /** An iCalendar invitation sent with the email (a maintenance window's notice); never patient data. */
    calendarIcs: text(),
    occurredAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("notification_events_dedupe_idx").on(t.mspId, t.dedupeKey),
    unique("notification_events_msp_id_unique").on(t.mspId, t.id),
    foreignKey({
      columns: [t.mspId, t.practiceId],
      foreignColumns: [practices.mspId, practices.id],
    }),
  ],
);

/**
 * One event to one destination (a channel's recipient, or the outbox when none is configured): written in the
 * event's transaction, before any network call, and delivered once — a retry reuses the row and its
 * id (the signed webhook's webhook-id), and the unique key stops a second row for the same pair.
 */
export const notificationDeliveries = pgTable(
  "notification_deliveries",
  {
    id: uuid().primaryKey().defaultRandom(),
    mspId: uuid()
      .notNull()
      .references(() => msps.id),
    practiceId: uuid(),
    eventId: uuid().notNull(),
    /** Null: the outbox, or a member's own delivery (userId set). */
    channelId: uuid(),
    /** A member's own delivery (their outage alerts, their daily digest): to their address or mobile. */
    userId: uuid(),
    channelKind: channelKind().notNull(),
    channelName: text().notNull(),
    /** An email address or phone number of the channel; empty for a webhook, Teams or Slack. */
    recipient: text().notNull().default(""),
    status: deliveryStatus().notNull().default("pending"),
    attempts: integer().notNull().default(0),
    nextAttemptAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    claimedUntil: timestamp({ withTimezone: true }),
    firstAttemptAt: timestamp({ withTimezone: true }),
    lastAttemptAt: timestamp({ withTimezone: true }),
    lastHttpStatus: integer(),
    lastLatencyMs: integer(),
    lastDetail: text(),
    /** For the outbox: the message as it would have been sent (no secrets, no patient data). */
    preview: jsonb().$type<Record<string, unknown>>(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("notification_deliveries_once_idx")
      .on(t.eventId, t.channelId, t.recipient)
      .where(sql`${t.channelId} is not null`),
    uniqueIndex("notification_deliveries_outbox_once_idx")
      .on(t.eventId)
      .where(sql`${t.channelId} is null and ${t.userId} is null`),
    uniqueIndex("notification_deliveries_member_once_idx")
      .on(t.eventId, t.userId, t.channelKind)
      .where(sql`${t.userId} is not null`),
    index("notification_deliveries_log_idx").on(t.mspId, t.createdAt),
    index("notification_deliveries_channel_idx").on(t.mspId, t.channelId, t.createdAt),
    foreignKey({
      columns: [t.mspId, t.eventId],
      foreignColumns: [notificationEvents.mspId, notificationEvents.id],
    }),
    foreignKey({
      columns: [t.mspId, t.channelId],
      foreignColumns: [notificationChannels.mspId, notificationChannels.id],
    }),
  ],
);
