import { sql } from "drizzle-orm";
import {
  boolean,
  foreignKey,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
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
    mspId: uuid()
      .notNull()
      .references(() => msps.id),
    email: text().notNull(),
    name: text().notNull(),
    passwordHash: text().notNull(),
    role: memberRole().notNull(),
    /**
     * Leadership only: sees every practice of the MSP. Without it, leadership sees exactly the practices
     * listed in user_practice_access (none when the list is empty): clearing a list never widens access.
     */
    allPractices: boolean().notNull().default(false),
    /**
     * Routine access to patient data (the downtime documentation log) counts from this moment, when the
     * role allows it (technician, practice manager). Gaining such a role by a role change or an invitation
     * sets it PATIENT_DATA_DELAY_HOURS ahead (server/domain/patient-data-access.ts); the practice's managers
     * see the change on the practice page meanwhile. Enforced by the downtime log procedures and its RLS policy.
     */
    patientDataAccessFrom: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /** An email change waiting for the link sent to the new address; only a SHA-256 of the link's token is kept. */
    pendingEmail: text(),
    pendingEmailTokenHash: text(),
    pendingEmailExpiresAt: timestamp({ withTimezone: true }),
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
    uniqueIndex("users_email_key")
      .on(sql`lower(${t.email})`)
      .where(sql`removed_at is null`),
    uniqueIndex("users_pending_email_token_key").on(t.pendingEmailTokenHash),
    index("users_msp_idx").on(t.mspId, t.name),
    unique("users_msp_id_key").on(t.mspId, t.id),
  ],
);

/** Which practices a practice manager or practice-scoped leadership user may see. */
export const userPracticeAccess = pgTable(
  "user_practice_access",
  {
    mspId: uuid()
      .notNull()
      .references(() => msps.id),
    userId: uuid().notNull(),
    practiceId: uuid().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.mspId, t.userId, t.practiceId] }),
    index("user_practice_access_practice_idx").on(t.mspId, t.practiceId),
    foreignKey({ columns: [t.mspId, t.userId], foreignColumns: [users.mspId, users.id] }).onDelete(
      "cascade",
    ),
    foreignKey({
      columns: [t.mspId, t.practiceId],
      foreignColumns: [practices.mspId, practices.id],
    }),
  ],
);

/** A signed-in browser. The cookie names the session; every request checks it here. */
export const sessions = pgTable(
  "sessions",
  {
    id: uuid().primaryKey().defaultRandom(),
    mspId: uuid()
      .notNull()
      .references(() => msps.id),
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
    foreignKey({ columns: [t.mspId, t.userId], foreignColumns: [users.mspId, users.id] }).onDelete(
      "cascade",
    ),
  ],
);

/** A one-time link that lets a person join an MSP with a role. Only a hash of the token is kept. */
export const invitations = pgTable(
  "invitations",
  {
    id: uuid().primaryKey().defaultRandom(),
    mspId: uuid()
      .notNull()
      .references(() => msps.id),
    email: text().notNull(),
    role: memberRole().notNull(),
    practiceIds: uuid()
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    /** Leadership invited to see every practice (see users.allPractices). */
    allPractices: boolean().notNull().default(false),
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
    mspId: uuid()
      .notNull()
      .references(() => msps.id),
    userId: uuid().notNull(),
    codeHash: text().notNull(),
    usedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("recovery_codes_msp_user_idx").on(t.mspId, t.userId),
    uniqueIndex("recovery_codes_hash_key").on(t.codeHash),
    foreignKey({ columns: [t.mspId, t.userId], foreignColumns: [users.mspId, users.id] }).onDelete(
      "cascade",
    ),
  ],
);

/**
 * One-time links to set a new password: asked for by the person ("Forgot your password?", sent by
 * email) or made by an admin for a member. Only a SHA-256 of the token is kept; a link works once,
 * until it expires, and a newer one for the same person replaces it.
 */
export const passwordResets = pgTable(
  "password_resets",
  {
    id: uuid().primaryKey().defaultRandom(),
    mspId: uuid()
      .notNull()
      .references(() => msps.id),
    userId: uuid().notNull(),
    tokenHash: text().notNull(),
    /** The admin who made it, or null when the person asked for it themselves. */
    createdByUserId: uuid(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    usedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("password_resets_token_hash_key").on(t.tokenHash),
    index("password_resets_user_idx").on(t.mspId, t.userId),
    foreignKey({ columns: [t.mspId, t.userId], foreignColumns: [users.mspId, users.id] }).onDelete(
      "cascade",
    ),
  ],
);
