import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { incidents } from "./incidents";
import { msps } from "./msps";
import { practices } from "./practices";
import { scheduleAppointments, schedulePatients } from "./schedule";

/**
 * Patient outreach: messages to the practice's patients from the schedule copy (reminders, delay
 * notices, cancellations…) during an outage or ahead of a maintenance window.
 */

/**
 * A message text an MSP (practice_id null) or one practice wrote in place of Standby's built-in one,
 * for one kind of message in one language (and, for pre-appointment instructions, one visit type).
 */
export const outreachTemplates = pgTable(
  "outreach_templates",
  {
    id: uuid().primaryKey().defaultRandom(),
    mspId: uuid()
      .notNull()
      .references(() => msps.id),
    practiceId: uuid(),
    kind: text().notNull(),
    language: text().notNull(),
    /** For "instructions": the visit type they are for; "" otherwise. */
    visitType: text().notNull().default(""),
    /** The email's subject (the SMS has none). */
    subject: text().notNull().default(""),
    body: text().notNull(),
    updatedByName: text().notNull(),
    version: integer().notNull().default(1),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("outreach_templates_key")
      .on(t.mspId, t.practiceId, t.kind, t.language, t.visitType)
      .nullsNotDistinct(),
    foreignKey({
      columns: [t.mspId, t.practiceId],
      foreignColumns: [practices.mspId, practices.id],
    }),
    check("outreach_templates_body", sql`length(${t.body}) between 1 and 1600`),
  ],
);

/** A practice's outreach settings: automatic continuation, quiet hours, pacing, stop-all. */
export const outreachSettings = pgTable(
  "outreach_settings",
  {
    mspId: uuid()
      .notNull()
      .references(() => msps.id),
    practiceId: uuid().notNull(),
    /** While an outage of the EHR is open, send the usual reminders from the copy. Off by default. */
    autoContinue: boolean().notNull().default(false),
    /** Hours before the appointment the usual reminders go. */
    reminderHours: integer()
      .array()
      .notNull()
      .default(sql`'{24,2}'::integer[]`),
    /** Local wall-clock times ("21:00", "08:00") between which non-urgent messages wait. */
    quietStart: text().notNull().default("21:00"),
    quietEnd: text().notNull().default("08:00"),
    /** Messages per minute sent for this practice; 0 for no limit. */
    messagesPerMinute: integer().notNull().default(60),
    /** "Stop all sending": set, nothing more goes out until it is cleared. */
    stoppedAt: timestamp({ withTimezone: true }),
    stoppedByName: text(),
    version: integer().notNull().default(1),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.mspId, t.practiceId] }),
    foreignKey({
      columns: [t.mspId, t.practiceId],
      foreignColumns: [practices.mspId, practices.id],
    }),
    check("outreach_settings_pace", sql`${t.messagesPerMinute} between 0 and 6000`),
  ],
);

/**
 * One sending: who chose which appointments and which message, with its counts (kept up to date
 * by the worker). Holds no patient data: leadership reads these, and only these.
 */
export const outreachCampaigns = pgTable(
  "outreach_campaigns",
  {
    id: uuid().primaryKey().defaultRandom(),
    mspId: uuid()
      .notNull()
      .references(() => msps.id),
    practiceId: uuid().notNull(),
    incidentId: uuid(),
    kind: text().notNull(),
    /** The appointments chosen, as filters (day, time range, provider, site, visit type). */
    selection: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    /** Sent by Standby itself (automatic continuation), not by a person. */
    automatic: boolean().notNull().default(false),
    /** An urgent message sent inside quiet hours: why. */
    urgentReason: text(),
    recipients: integer().notNull().default(0),
    skipped: integer().notNull().default(0),
    /**
     * The counts of its messages by status, kept by whoever changes one (disjoint: the messages still
     * waiting are recipients minus the others). `skipped`: appointments of the selection that got no
     * message (no address, opted out, already sent…). `failed` includes undeliverable; `withheld`:
     * not sent because, when its turn came, the patient had opted out or the appointment was gone.
     */
    sent: integer().notNull().default(0),
    delivered: integer().notNull().default(0),
    failed: integer().notNull().default(0),
    outbox: integer().notNull().default(0),
    stopped: integer().notNull().default(0),
    withheld: integer().notNull().default(0),
    status: text().$type<"sending" | "stopped" | "done">().notNull().default("sending"),
    createdByUserId: uuid(),
    createdByName: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    index("outreach_campaigns_practice_idx").on(t.mspId, t.practiceId, t.createdAt),
    unique("outreach_campaigns_msp_id_key").on(t.mspId, t.id),
    foreignKey({
      columns: [t.mspId, t.practiceId],
      foreignColumns: [practices.mspId, practices.id],
    }),
    foreignKey({
      columns: [t.mspId, t.incidentId],
      foreignColumns: [incidents.mspId, incidents.id],
    }),
    check("outreach_campaigns_status", sql`${t.status} in ('sending', 'stopped', 'done')`),
  ],
);

/**
 * One message to one patient about one appointment. At most one per appointment and kind of
 * message, however many campaigns, workers or retries (the unique key). Its address and text are
 * sealed with the patient-data key.
 */
export const outreachMessages = pgTable(
  "outreach_messages",
  {
    id: uuid().primaryKey().defaultRandom(),
    mspId: uuid()
      .notNull()
      .references(() => msps.id),
    practiceId: uuid().notNull(),
    campaignId: uuid().notNull(),
    appointmentId: uuid().notNull(),
    patientId: uuid(),
    kind: text().notNull(),
    /**
     * For automatic reminders, how many hours before the appointment this one is (24, 2): each is
     * sent once. 0 for every message a person sends.
     */
    hoursBefore: integer().notNull().default(0),
    language: text().notNull(),
    channel: text().$type<"sms" | "email">().notNull(),
    toSealed: text().notNull(),
    /** Keyed hash of the address (server/services/schedule/patient-data.ts addressHash): a reply finds its message by it. */
    toHash: text().notNull(),
    bodySealed: text().notNull(),
    /**
     * queued → sending → sent → delivered | undeliverable | failed; held (quiet hours, until
     * sendAfter); outbox (no provider: shown in Standby, never sent); stopped (stop all sending);
     * withheld (its turn came after the patient opted out or the appointment was cancelled).
     */
    status: text().notNull().default("queued"),
    sendAfter: timestamp({ withTimezone: true }).notNull().defaultNow(),
    claimedUntil: timestamp({ withTimezone: true }),
    attempts: integer().notNull().default(0),
    firstAttemptAt: timestamp({ withTimezone: true }),
    /** When the last attempt began: the practice's pace counts the attempts of the last minute. */
    lastAttemptAt: timestamp({ withTimezone: true }),
    /**
     * Set just before the provider is called, cleared when its answer is recorded. A claim that lapses
     * while it is set may have reached the provider: that message is not sent again (at most once).
     */
    attemptStartedAt: timestamp({ withTimezone: true }),
    providerMessageId: text(),
    /** What the provider said when it failed (never the message's text). */
    error: text(),
    queuedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp({ withTimezone: true }),
    deliveredAt: timestamp({ withTimezone: true }),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("outreach_messages_once_key").on(
      t.mspId,
      t.practiceId,
      t.appointmentId,
      t.kind,
      t.hoursBefore,
    ),
    index("outreach_messages_pace_idx").on(t.mspId, t.practiceId, t.lastAttemptAt),
    index("outreach_messages_campaign_idx").on(t.mspId, t.campaignId),
    index("outreach_messages_address_idx").on(t.mspId, t.toHash, t.sentAt),
    index("outreach_messages_due_idx").on(t.status, t.sendAfter),
    uniqueIndex("outreach_messages_provider_key")
      .on(t.providerMessageId)
      .where(sql`${t.providerMessageId} is not null`),
    unique("outreach_messages_msp_id_key").on(t.mspId, t.id),
    foreignKey({
      columns: [t.mspId, t.campaignId],
      foreignColumns: [outreachCampaigns.mspId, outreachCampaigns.id],
    }),
    foreignKey({
      columns: [t.mspId, t.appointmentId],
      foreignColumns: [scheduleAppointments.mspId, scheduleAppointments.id],
    }).onDelete("cascade"),
    // Composite keys: "set null" would null msp_id too. The purge deletes appointments (and with
    // them their messages and replies) before patients, so these cascades only ever follow it.
    foreignKey({
      columns: [t.mspId, t.patientId],
      foreignColumns: [schedulePatients.mspId, schedulePatients.id],
    }).onDelete("cascade"),
    check(
      "outreach_messages_status",
      sql`${t.status} in ('queued', 'held', 'sending', 'sent', 'delivered', 'undeliverable', 'failed', 'outbox', 'stopped', 'withheld')`,
    ),
    check("outreach_messages_channel", sql`${t.channel} in ('sms', 'email')`),
  ],
);

/**
 * A number that texted STOP to the practice: nothing is sent to it until it texts START. Kept as a
 * keyed hash of the number (server/domain/patient-box.ts's key), so it can be checked without
 * keeping the number.
 */
export const outreachOptOuts = pgTable(
  "outreach_opt_outs",
  {
    mspId: uuid()
      .notNull()
      .references(() => msps.id),
    practiceId: uuid().notNull(),
    addressHash: text().notNull(),
    optedOutAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.mspId, t.practiceId, t.addressHash] }),
    foreignKey({
      columns: [t.mspId, t.practiceId],
      foreignColumns: [practices.mspId, practices.id],
    }),
  ],
);

/**
 * A text a patient sent back. STOP/START/HELP, "C"/"CANCEL" and "Y" are acted on at once; anything
 * else waits in the practice's replies inbox until the front desk has handled it.
 */
export const outreachReplies = pgTable(
  "outreach_replies",
  {
    id: uuid().primaryKey().defaultRandom(),
    mspId: uuid()
      .notNull()
      .references(() => msps.id),
    practiceId: uuid().notNull(),
    /** The message it answers (the last one sent to that number), when known. */
    messageId: uuid(),
    appointmentId: uuid(),
    fromHash: text().notNull(),
    fromSealed: text().notNull(),
    bodySealed: text().notNull(),
    action: text().$type<"stop" | "start" | "help" | "cancel" | "confirm" | "inbox">().notNull(),
    providerMessageId: text(),
    /** The SMS channel (number) it arrived on: the front desk's answer goes back through it. */
    channelId: uuid(),
    receivedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    handledAt: timestamp({ withTimezone: true }),
    handledByName: text(),
    answerSealed: text(),
  },
  (t) => [
    index("outreach_replies_inbox_idx").on(t.mspId, t.practiceId, t.receivedAt),
    uniqueIndex("outreach_replies_provider_key")
      .on(t.providerMessageId)
      .where(sql`${t.providerMessageId} is not null`),
    foreignKey({
      columns: [t.mspId, t.practiceId],
      foreignColumns: [practices.mspId, practices.id],
    }),
    foreignKey({
      columns: [t.mspId, t.messageId],
      foreignColumns: [outreachMessages.mspId, outreachMessages.id],
    }).onDelete("cascade"),
    foreignKey({
      columns: [t.mspId, t.appointmentId],
      foreignColumns: [scheduleAppointments.mspId, scheduleAppointments.id],
    }).onDelete("cascade"),
    check(
      "outreach_replies_action",
      sql`${t.action} in ('stop', 'start', 'help', 'cancel', 'confirm', 'inbox')`,
    ),
  ],
);

/**
 * What the quarterly outreach figures count, kept when the schedule copy is purged: a message sent
 * or delivered (with its patient's and campaign's ids) and a cancellation Standby made from a reply.
 * Ids and times only, no patient data. Written by database triggers on outreach_messages and
 * outreach_replies, read by standby_outreach_quarter_figures.
 */
export const outreachTallies = pgTable(
  "outreach_tallies",
  {
    mspId: uuid()
      .notNull()
      .references(() => msps.id),
    practiceId: uuid().notNull(),
    kind: text().$type<"message" | "cancel_reply">().notNull(),
    /** The message's or the reply's id (the row itself may be purged since). */
    sourceId: uuid().notNull(),
    /** A message's patient, or a cancelling reply's appointment: an id only. */
    subjectId: uuid(),
    /** The incident a message's campaign named. */
    campaignIncidentId: uuid(),
    at: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.mspId, t.kind, t.sourceId] }),
    index("outreach_tallies_quarter_idx").on(t.mspId, t.practiceId, t.kind, t.at),
    foreignKey({
      columns: [t.mspId, t.practiceId],
      foreignColumns: [practices.mspId, practices.id],
    }),
    check("outreach_tallies_kind", sql`${t.kind} in ('message', 'cancel_reply')`),
  ],
);
