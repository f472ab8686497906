import {
  foreignKey,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { msps } from "./msps";
import { users } from "./members";

/**
 * A member's private calendar address (ICS). Only a SHA-256 of the token in the address is kept; the
 * address is shown once. One per member: regenerating replaces it, revoking deletes it.
 */
export const calendarFeeds = pgTable(
  "calendar_feeds",
  {
    id: uuid().primaryKey().defaultRandom(),
    mspId: uuid()
      .notNull()
      .references(() => msps.id),
    userId: uuid().notNull(),
    tokenHash: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastFetchedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    uniqueIndex("calendar_feeds_token_hash_key").on(t.tokenHash),
    uniqueIndex("calendar_feeds_msp_user_key").on(t.mspId, t.userId),
    unique("calendar_feeds_msp_id_key").on(t.mspId, t.id),
    foreignKey({ columns: [t.mspId, t.userId], foreignColumns: [users.mspId, users.id] }).onDelete(
      "cascade",
    ),
  ],
);

/**
 * What each event of a feed last looked like, so its SEQUENCE rises when it changes (a new due date,
 * a renamed system) and stays put otherwise; changedAt is the event's DTSTAMP.
 */
export const calendarFeedEvents = pgTable(
  "calendar_feed_events",
  {
    mspId: uuid()
      .notNull()
      .references(() => msps.id),
    feedId: uuid().notNull(),
    userId: uuid().notNull(),
    uid: text().notNull(),
    contentHash: text().notNull(),
    sequence: integer().notNull().default(0),
    changedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.mspId, t.feedId, t.uid] }),
    foreignKey({
      columns: [t.mspId, t.feedId],
      foreignColumns: [calendarFeeds.mspId, calendarFeeds.id],
    }).onDelete("cascade"),
  ],
);
