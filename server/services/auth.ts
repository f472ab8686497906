import "server-only";
import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import { and, eq, inArray, isNull, lt, or, sql } from "drizzle-orm";
import type { Transaction } from "@/db/client";
import { sessions, signInAttempts, users } from "@/db/schema";
import { withTenant, withoutTenant, type TenantScope } from "@/db/tenant";
import { sessionState, shouldTouch, type SessionPolicy } from "@/server/domain/session-rules";
import {
  afterFailure,
  blockingKinds,
  minutesBlocked,
  throttleRules,
  type ThrottleKind,
} from "@/server/domain/sign-in-throttle";
import { mustEnrolTwoFactor } from "@/server/domain/two-factor";
import { env } from "@/server/env";
import { isPracticeScoped, type Role } from "@/server/permissions";
import type { SignInInput } from "@/server/contracts/auth";
import { recordAudit } from "./context";
import { verifyPassword } from "./passwords";
import { recoveryCodesLeft, useSecondFactor } from "./two-factor";

export type SignInResult =
  | { ok: true; userId: string; mspId: string; sessionId: string }
  | { ok: false; reason: "invalid" }
  /** The password was right and the account has two-factor on: ask for the code. No session exists. */
  | { ok: false; reason: "two_factor_required" }
  | { ok: false; reason: "invalid_code" }
  | { ok: false; reason: "throttled"; minutes: number };

/** The person behind a valid session, as every request sees them. */
export type SessionUser = {
  sessionId: string;
  userId: string;
  mspId: string;
  mspName: string;
  name: string;
  email: string;
  role: Role;
  /** "*" = every practice of the MSP; otherwise exactly these (possibly none). */
  practiceIds: "*" | string[];
  /** When routine access to patient data begins (server/domain/patient-data-access.ts); read fresh on every request with the role. */
  patientDataAccessFrom: Date;
  twoFactorEnabled: boolean;
  /** The MSP requires two-factor for this person's role and they have not set it up: only enrolment is open to them. */
  mustEnrolTwoFactor: boolean;
  /** When this session last proved the password (and code): sign-in or re-authentication. */
  reauthenticatedAt: Date | null;
};

export type SessionClaims = { sessionId: string; userId: string; mspId: string };

function throttleKeys(email: string, clientAddress: string): Record<ThrottleKind, string> {
  const digest = (value: string) => createHash("sha256").update(value).digest("hex");
  const account = email.trim().toLowerCase();
  return {
    pair: digest(`pair:${account}|${clientAddress}`),
    account: digest(`account:${account}`),
    address: digest(`address:${clientAddress}`),
  };
}

/**
 * Proof that this browser has signed in as this email before: an HMAC of the email under
 * AUTH_SECRET, kept in a long-lived cookie. It lifts only the account-wide throttle.
 */
export function deviceTokenFor(email: string, secret = env().AUTH_SECRET): string {
  return createHmac("sha256", secret)
    .update(`device:${email.trim().toLowerCase()}`)
    .digest("base64url")
    .slice(0, 32);
}

export function isKnownDevice(tokens: readonly string[], email: string, secret?: string): boolean {
  const expected = Buffer.from(deviceTokenFor(email, secret));
  return tokens.some(
    (token) => token.length === expected.length && timingSafeEqual(Buffer.from(token), expected),
  );
}

export async function signInWithPassword(
  input: SignInInput & {
    code?: string;
    clientAddress: string;
    userAgent: string | null;
    knownDevice?: boolean;
  },
  now = new Date(),
): Promise<SignInResult> {
  const keys = throttleKeys(input.email, input.clientAddress);
  const applicable = blockingKinds(input.knownDevice ?? false);
  const blockedFor = await minutesBlockedNow(keys, applicable, now);
  if (blockedFor > 0) return { ok: false, reason: "throttled", minutes: blockedFor };

  const [account] = await withoutTenant((tx) =>
    tx.execute<{ user_id: string; msp_id: string; password_hash: string }>(
      sql`select user_id, msp_id, password_hash from standby_sign_in_lookup(${input.email.trim()})`,
    ),
  );
  const passwordMatches = await verifyPassword(account?.password_hash ?? null, input.password);
  if (!account || !passwordMatches) {
    const blockMinutes = await recordFailure(keys, applicable, now);
    return blockMinutes > 0
      ? { ok: false, reason: "throttled", minutes: blockMinutes }
      : { ok: false, reason: "invalid" };
  }

  // The second factor, when the account has one. Nothing is created until it passes.
  const scope = {
    mspId: account.msp_id,
    userId: account.user_id,
    role: "system" as const,
    practiceIds: "*" as const,
  };
  const secondFactor = await withTenant(scope, async (tx) => {
    const [user] = await tx
      .select({ name: users.name, enabledAt: users.totpEnabledAt })
      .from(users)
      .where(eq(users.id, account.user_id));
    if (!user?.enabledAt) return "none" as const;
    if (!input.code?.trim()) return "required" as const;
    const used = await useSecondFactor(tx, account.msp_id, account.user_id, input.code, now);
    const ctx = {
      tx,
      mspId: account.msp_id,
      actor: { userId: account.user_id, name: user.name },
      practiceIds: "*" as const,
    };
    if (!used) {
      await recordAudit(ctx, {
        action: "auth.second_factor_failed",
        entityType: "user",
        entityId: account.user_id,
        summary: { stage: "sign_in" },
      });
      return "failed" as const;
    }
    if (used === "recovery")
      await recordAudit(ctx, {
        action: "auth.recovery_code_used",
        entityType: "user",
        entityId: account.user_id,
        summary: { left: await recoveryCodesLeft(tx, account.msp_id, account.user_id) },
      });
    return used;
  });
  if (secondFactor === "required") return { ok: false, reason: "two_factor_required" };
  if (secondFactor === "failed") {
    const blockMinutes = await recordFailure(keys, applicable, now);
    return blockMinutes > 0
      ? { ok: false, reason: "throttled", minutes: blockMinutes }
      : { ok: false, reason: "invalid_code" };
  }

  await withoutTenant((tx) =>
    tx.delete(signInAttempts).where(inArray(signInAttempts.keyHash, [keys.pair, keys.account])),
  );
  const sessionId = await withTenant(scope, async (tx) => {
    const [user] = await tx
      .select({ name: users.name })
      .from(users)
      .where(eq(users.id, account.user_id));
    const [session] = await tx
      .insert(sessions)
      .values({
        mspId: account.msp_id,
        userId: account.user_id,
        userAgent: input.userAgent?.slice(0, 500) ?? null,
        createdAt: now,
        lastSeenAt: now,
        reauthenticatedAt: now,
      })
      .returning({ id: sessions.id });
    await recordAudit(
      {
        tx,
        mspId: account.msp_id,
        actor: { userId: account.user_id, name: user?.name ?? input.email },
        practiceIds: "*",
      },
      {
        action: "auth.sign_in",
        entityType: "session",
        entityId: session!.id,
        summary: { secondFactor },
      },
    );
    return session!.id;
  });
  return { ok: true, userId: account.user_id, mspId: account.msp_id, sessionId };
}

export type ReauthResult =
  | { ok: true }
  | { ok: false; reason: "invalid" | "invalid_code" | "two_factor_required" }
  | { ok: false; reason: "throttled"; minutes: number };

/**
 * Proves again, inside a session, that the person at the keyboard is its owner: the password, and a
 * code when two-factor is on. Failures count toward the same throttle as sign-in. On success the
 * session may make sensitive changes for the next few minutes (server/domain/two-factor.ts).
 */
export async function reauthenticate(
  user: Pick<SessionUser, "sessionId" | "userId" | "mspId" | "email" | "name">,
  input: { password: string; code?: string; clientAddress: string },
  now = new Date(),
): Promise<ReauthResult> {
  const keys = throttleKeys(user.email, input.clientAddress);
  // The person is signed in on this browser: like a known device, the account-wide block does not apply.
  const applicable = blockingKinds(true);
  const blockedFor = await minutesBlockedNow(keys, applicable, now);
  if (blockedFor > 0) return { ok: false, reason: "throttled", minutes: blockedFor };

  const scope = {
    mspId: user.mspId,
    userId: user.userId,
    role: "system" as const,
    practiceIds: "*" as const,
  };
  const ctxOf = (tx: Transaction) => ({
    tx,
    mspId: user.mspId,
    actor: { userId: user.userId, name: user.name },
    practiceIds: "*" as const,
  });
  const outcome = await withTenant(scope, async (tx) => {
    const [row] = await tx
      .select({ passwordHash: users.passwordHash, enabledAt: users.totpEnabledAt })
      .from(users)
      .where(and(eq(users.id, user.userId), isNull(users.removedAt)));
    if (!row || !(await verifyPassword(row.passwordHash, input.password)))
      return "invalid" as const;
    if (row.enabledAt) {
      if (!input.code?.trim()) return "two_factor_required" as const;
      const used = await useSecondFactor(tx, user.mspId, user.userId, input.code, now);
      if (!used) {
        await recordAudit(ctxOf(tx), {
          action: "auth.second_factor_failed",
          entityType: "user",
          entityId: user.userId,
          summary: { stage: "reauthenticate" },
        });
        return "invalid_code" as const;
      }
      if (used === "recovery")
        await recordAudit(ctxOf(tx), {
          action: "auth.recovery_code_used",
          entityType: "user",
          entityId: user.userId,
          summary: { left: await recoveryCodesLeft(tx, user.mspId, user.userId) },
        });
    }
    await tx
      .update(sessions)
      .set({ reauthenticatedAt: now })
      .where(and(eq(sessions.id, user.sessionId), eq(sessions.userId, user.userId)));
    await recordAudit(ctxOf(tx), {
      action: "auth.reauthenticate",
      entityType: "session",
      entityId: user.sessionId,
    });
    return "ok" as const;
  });
  if (outcome === "ok") return { ok: true };
  if (outcome === "two_factor_required") return { ok: false, reason: outcome };
  const blockMinutes = await recordFailure(keys, applicable, now);
  return blockMinutes > 0
    ? { ok: false, reason: "throttled", minutes: blockMinutes }
    : { ok: false, reason: outcome };
}

async function minutesBlockedNow(
  keys: Record<ThrottleKind, string>,
  applicable: ThrottleKind[],
  now: Date,
): Promise<number> {
  const counters = await withoutTenant((tx) =>
    tx
      .select()
      .from(signInAttempts)
      .where(
        inArray(
          signInAttempts.keyHash,
          applicable.map((kind) => keys[kind]),
        ),
      ),
  );
  return Math.max(0, ...counters.map((counter) => minutesBlocked(counter, now)));
}

/** Counts one failure on every counter; returns the minutes of any block it started that applies here. */
async function recordFailure(
  keys: Record<ThrottleKind, string>,
  applicable: ThrottleKind[],
  now: Date,
): Promise<number> {
  return withoutTenant(async (tx) => {
    let blockedFor = 0;
    for (const kind of Object.keys(keys) as ThrottleKind[]) {
      const keyHash = keys[kind];
      await tx
        .insert(signInAttempts)
        .values({ keyHash, failures: 0, windowStartedAt: now })
        .onConflictDoNothing();
      const [current] = await tx
        .select()
        .from(signInAttempts)
        .where(eq(signInAttempts.keyHash, keyHash))
        .for("update");
      const next = afterFailure(current ?? null, throttleRules[kind], now);
      await tx.update(signInAttempts).set(next).where(eq(signInAttempts.keyHash, keyHash));
      if (applicable.includes(kind)) blockedFor = Math.max(blockedFor, minutesBlocked(next, now));
    }
    // Now and then, forget counters nobody has touched for a day (unknown emails add rows too).
    if (Math.random() < 0.02) {
      const dayAgo = new Date(now.getTime() - 24 * 60 * 60_000);
      await tx
        .delete(signInAttempts)
        .where(
          and(
            lt(signInAttempts.windowStartedAt, dayAgo),
            or(isNull(signInAttempts.blockedUntil), lt(signInAttempts.blockedUntil, now)),
          ),
        );
    }
    return blockedFor;
  });
}

/**
 * Checks a session cookie's claims against the database on every request: a revoked, idle or
 * expired session, or a removed member, is signed out here whatever the cookie says.
 */
export async function validateSession(
  claims: SessionClaims,
  policy: SessionPolicy,
  now = new Date(),
  options: { touch: boolean } = { touch: true },
): Promise<SessionUser | null> {
  return withTenant(sessionCheckScope(claims), (tx) =>
    checkSession(tx, claims, policy, now, options),
  );
}

/** The tenant a session check runs as: Standby's own bookkeeping in the session's MSP. */
export const sessionCheckScope = (claims: SessionClaims): TenantScope => ({
  mspId: claims.mspId,
  userId: claims.userId,
  role: "system",
  practiceIds: "*",
});

/** validateSession inside a transaction already set to sessionCheckScope(claims). */
export async function checkSession(
  tx: Transaction,
  claims: SessionClaims,
  policy: SessionPolicy,
  now = new Date(),
  options: { touch: boolean } = { touch: true },
): Promise<SessionUser | null> {
  const [row] = await tx.execute<{
    created_at: Date;
    last_seen_at: Date;
    revoked_at: Date | null;
    name: string;
    email: string;
    role: Role;
    msp_name: string;
    practice_ids: string[];
    all_practices: boolean;
    patient_data_access_from: Date;
    reauthenticated_at: Date | null;
    totp_enabled_at: Date | null;
    require_two_factor: boolean;
  }>(sql`
    select s.created_at, s.last_seen_at, s.revoked_at, s.reauthenticated_at, u.name, u.email, u.role, u.all_practices, u.patient_data_access_from, u.totp_enabled_at,
           m.name as msp_name, m.require_two_factor,
           array(select a.practice_id from user_practice_access a where a.msp_id = s.msp_id and a.user_id = u.id) as practice_ids
    from sessions s join users u on u.id = s.user_id join msps m on m.id = s.msp_id
    where s.id = ${claims.sessionId} and s.user_id = ${claims.userId} and u.removed_at is null`);
  if (!row) return null;
  const times = {
    createdAt: new Date(row.created_at),
    lastSeenAt: new Date(row.last_seen_at),
    revokedAt: row.revoked_at,
  };
  const state = sessionState(times, now, policy);
  if (state !== "active") {
    if (state !== "revoked")
      await tx.update(sessions).set({ revokedAt: now }).where(eq(sessions.id, claims.sessionId));
    return null;
  }
  if (options.touch && shouldTouch(times.lastSeenAt, now))
    await tx.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, claims.sessionId));
  return {
    sessionId: claims.sessionId,
    userId: claims.userId,
    mspId: claims.mspId,
    mspName: row.msp_name,
    name: row.name,
    email: row.email,
    role: row.role,
    practiceIds: practiceScope(row.role, row.all_practices, row.practice_ids),
    patientDataAccessFrom: new Date(row.patient_data_access_from),
    twoFactorEnabled: row.totp_enabled_at !== null,
    mustEnrolTwoFactor: mustEnrolTwoFactor(
      row.role,
      row.require_two_factor,
      row.totp_enabled_at !== null,
    ),
    reauthenticatedAt: row.reauthenticated_at ? new Date(row.reauthenticated_at) : null,
  };
}

/** An empty list is no practice at all: only admins, technicians and leadership given "all practices" see every one. */
const practiceScope = (role: Role, allPractices: boolean, practiceIds: string[]): "*" | string[] =>
  isPracticeScoped(role, allPractices) ? practiceIds : "*";

export async function signOutSession(claims: SessionClaims, now = new Date()): Promise<void> {
  await withTenant(
    { mspId: claims.mspId, userId: claims.userId, role: "system", practiceIds: "*" },
    async (tx) => {
      const revoked = await tx
        .update(sessions)
        .set({ revokedAt: now })
        .where(
          and(
            eq(sessions.id, claims.sessionId),
            eq(sessions.userId, claims.userId),
            isNull(sessions.revokedAt),
          ),
        )
        .returning({ id: sessions.id });
      if (revoked.length === 0) return;
      const [user] = await tx
        .select({ name: users.name })
        .from(users)
        .where(eq(users.id, claims.userId));
      await recordAudit(
        {
          tx,
          mspId: claims.mspId,
          actor: { userId: claims.userId, name: user?.name ?? "unknown" },
          practiceIds: "*",
        },
        { action: "auth.sign_out", entityType: "session", entityId: claims.sessionId },
      );
    },
  );
}
