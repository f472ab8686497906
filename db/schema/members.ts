import { sql } from "drizzle-orm";
import { foreignKey, index, integer, pgTable, primaryKey, text, timestamp, unique, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { memberRole } from "./enums";
import { msps } from "./msps";
import { practices } from "./practices";

/**
 * A person who signs in, and their membership of exactly one MSP.
 * Email is unique across all MSPs (not per MSP) because sign-in is by email alone; a removed
 * member's row stays for the audit trail, so uniqueness covers active members only.
 */
export const users = pgTable(
  "users",
  {
    id: uuid().primaryKey().defaultRandom(),
    mspId: uuid().notNull().references(() => msps.id),
    email: text().notNull(),
    name: text().notNull(),
    passwordHash: text().notNull(),
    role: memberRole().notNull(),
    /** The TOTP secret, AES-256-GCM encrypted under a key derived from AUTH_SECRET (server/services/secret-box.ts). */
    totpSecret: text(),
    /** A secret being enrolled, encrypted the same way, until the first code confirms it. */
    totpPendingSecret: text(),
    totpEnabledAt: timestamp({ withTimezone: true }),
    /** The last TOTP time step accepted: a code is never accepted twice. */
    totpLastStep: integer(),
    removedAt: timestamp({ withTimezone: true }),
    version: integer().notNull().default(1),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("users_email_key").on(sql`lower(${t.email})`).where(sql`removed_at is null`),
    index("users_msp_idx").on(t.mspId, t.name),
    unique("users_msp_id_key").on(t.mspId, t.id),
  ],
);

/** Which practices a practice manager or practice-scoped leadership user may see. */
export const userPracticeAccess = pgTable(
  "user_practice_access",
  {
    mspId: uuid().notNull().references(() => msps.id),
    userId: uuid().notNull(),
    practiceId: uuid().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.mspId, t.userId, t.practiceId] }),
    index("user_practice_access_practice_idx").on(t.mspId, t.practiceId),
    foreignKey({ columns: [t.mspId, t.userId], foreignColumns: [users.mspId, users.id] }).onDelete("cascade"),
    foreignKey({ columns: [t.mspId, t.practiceId], foreignColumns: [practices.mspId, practices.id] }),
  ],
);

/** A signed-in browser. The cookie names the session; every request checks it here. */
export const sessions = pgTable(
  "sessions",
  {
    id: uuid().primaryKey().defaultRandom(),
    mspId: uuid().notNull().references(() => msps.id),
    userId: uuid().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp({ withTimezone: true }),
    /** When the person last proved who they are (sign-in, or password + code again): sensitive changes need it recent. */
    reauthenticatedAt: timestamp({ withTimezone: true }),
    userAgent: text(),
  },
  (t) => [
    index("sessions_msp_user_idx").on(t.mspId, t.userId),
    foreignKey({ columns: [t.mspId, t.userId], foreignColumns: [users.mspId, users.id] }).onDelete("cascade"),
  ],
);

/** A one-time link that lets a person join an MSP with a role. Only a hash of the token is kept. */
export const invitations = pgTable(
  "invitations",
  {
    id: uuid().primaryKey().defaultRandom(),
    mspId: uuid().notNull().references(() => msps.id),
    email: text().notNull(),
    role: memberRole().notNull(),
    practiceIds: uuid().array().notNull().default(sql`'{}'::uuid[]`),
    tokenHash: text().notNull(),
    invitedBy: uuid().notNull(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    acceptedAt: timestamp({ withTimezone: true }),
    revokedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("invitations_token_hash_key").on(t.tokenHash),
    index("invitations_msp_idx").on(t.mspId, t.createdAt),
    foreignKey({ columns: [t.mspId, t.invitedBy], foreignColumns: [users.mspId, users.id] }),
  ],
);

/** One-use recovery codes for two-factor sign-in. Only a SHA-256 of each code is kept. */
export const recoveryCodes = pgTable(
  "recovery_codes",
  {
    id: uuid().primaryKey().defaultRandom(),
    mspId: uuid().notNull().references(() => msps.id),
    userId: uuid().notNull(),
    codeHash: text().notNull(),
    usedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("recovery_codes_msp_user_idx").on(t.mspId, t.userId),
    uniqueIndex("recovery_codes_hash_key").on(t.codeHash),
    foreignKey({ columns: [t.mspId, t.userId], foreignColumns: [users.mspId, users.id] }).onDelete("cascade"),
  ],
);
