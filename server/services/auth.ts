import "server-only";
import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import { and, eq, inArray, isNull, lt, or, sql } from "drizzle-orm";
import type { Transaction } from "@/db/client";
import { sessions, signInAttempts, users } from "@/db/schema";
import { withTenant, withoutTenant, type TenantScope } from "@/db/tenant";
import { sessionState, shouldTouch, type SessionPolicy } from "@/server/domain/session-rules";
import { afterFailure, blockingKinds, minutesBlocked, throttleRules, type ThrottleKind } from "@/server/domain/sign-in-throttle";
import { isPracticeScoped, type Role } from "@/server/permissions";
import type { SignInInput } from "./auth-schemas";
import { recordAudit } from "./context";
import { verifyPassword } from "./passwords";

export * from "./auth-schemas";

export type SignInResult =
  | { ok: true; userId: string; mspId: string; sessionId: string }
  | { ok: false; reason: "invalid" }
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
  /** "*" = every practice of the MSP. */
  practiceIds: "*" | string[];
};

export type SessionClaims = { sessionId: string; userId: string; mspId: string };

function throttleKeys(email: string, clientAddress: string): Record<ThrottleKind, string> {
  const digest = (value: string) => createHash("sha256").update(value).digest("hex");
  const account = email.trim().toLowerCase();
  return { pair: digest(`pair:${account}|${clientAddress}`), account: digest(`account:${account}`), address: digest(`address:${clientAddress}`) };
}

/**
 * Proof that this browser has signed in as this email before: an HMAC of the email under
 * AUTH_SECRET, kept in a long-lived cookie. It lifts only the account-wide throttle.
 */
export function deviceTokenFor(email: string, secret = process.env.AUTH_SECRET ?? ""): string {
  return createHmac("sha256", secret).update(`device:${email.trim().toLowerCase()}`).digest("base64url").slice(0, 32);
}

export function isKnownDevice(tokens: readonly string[], email: string, secret?: string): boolean {
  const expected = Buffer.from(deviceTokenFor(email, secret));
  return tokens.some((token) => token.length === expected.length && timingSafeEqual(Buffer.from(token), expected));
}

export async function signInWithPassword(
  input: SignInInput & { clientAddress: string; userAgent: string | null; knownDevice?: boolean },
  now = new Date(),
): Promise<SignInResult> {
  const keys = throttleKeys(input.email, input.clientAddress);
  const applicable = blockingKinds(input.knownDevice ?? false).map((kind) => keys[kind]);
  const counters = await withoutTenant((tx) => tx.select().from(signInAttempts).where(inArray(signInAttempts.keyHash, applicable)));
  const blockedFor = Math.max(0, ...counters.map((counter) => minutesBlocked(counter, now)));
  if (blockedFor > 0) return { ok: false, reason: "throttled", minutes: blockedFor };

  const [account] = await withoutTenant((tx) =>
    tx.execute<{ user_id: string; msp_id: string; password_hash: string }>(
      sql`select user_id, msp_id, password_hash from standby_sign_in_lookup(${input.email.trim()})`,
    ),
  );
  const passwordMatches = await verifyPassword(account?.password_hash ?? null, input.password);
  if (!account || !passwordMatches) {
    const blockMinutes = await recordFailure(keys, blockingKinds(input.knownDevice ?? false), now);
    return blockMinutes > 0 ? { ok: false, reason: "throttled", minutes: blockMinutes } : { ok: false, reason: "invalid" };
  }

  await withoutTenant((tx) => tx.delete(signInAttempts).where(inArray(signInAttempts.keyHash, [keys.pair, keys.account])));
  const sessionId = await withTenant({ mspId: account.msp_id, userId: account.user_id, role: "system", practiceIds: "*" }, async (tx) => {
    const [user] = await tx.select({ name: users.name }).from(users).where(eq(users.id, account.user_id));
    const [session] = await tx
      .insert(sessions)
      .values({ mspId: account.msp_id, userId: account.user_id, userAgent: input.userAgent?.slice(0, 500) ?? null, createdAt: now, lastSeenAt: now })
      .returning({ id: sessions.id });
    await recordAudit(
      { tx, mspId: account.msp_id, actor: { userId: account.user_id, name: user?.name ?? input.email }, practiceIds: "*" },
      { action: "auth.sign_in", entityType: "session", entityId: session!.id },
    );
    return session!.id;
  });
  return { ok: true, userId: account.user_id, mspId: account.msp_id, sessionId };
}

/** Counts one failure on every counter; returns the minutes of any block it started that applies here. */
async function recordFailure(keys: Record<ThrottleKind, string>, applicable: ThrottleKind[], now: Date): Promise<number> {
  return withoutTenant(async (tx) => {
    let blockedFor = 0;
    for (const kind of Object.keys(keys) as ThrottleKind[]) {
      const keyHash = keys[kind];
      await tx.insert(signInAttempts).values({ keyHash, failures: 0, windowStartedAt: now }).onConflictDoNothing();
      const [current] = await tx.select().from(signInAttempts).where(eq(signInAttempts.keyHash, keyHash)).for("update");
      const next = afterFailure(current ?? null, throttleRules[kind], now);
      await tx.update(signInAttempts).set(next).where(eq(signInAttempts.keyHash, keyHash));
      if (applicable.includes(kind)) blockedFor = Math.max(blockedFor, minutesBlocked(next, now));
    }
    // Now and then, forget counters nobody has touched for a day (unknown emails add rows too).
    if (Math.random() < 0.02) {
      const dayAgo = new Date(now.getTime() - 24 * 60 * 60_000);
      await tx
        .delete(signInAttempts)
        .where(and(lt(signInAttempts.windowStartedAt, dayAgo), or(isNull(signInAttempts.blockedUntil), lt(signInAttempts.blockedUntil, now))));
    }
    return blockedFor;
  });
}

/**
 * Checks a session cookie's claims against the database on every request: a revoked, idle or
 * expired session, or a removed member, is signed out here whatever the cookie says.
 */
export async function validateSession(claims: SessionClaims, policy: SessionPolicy, now = new Date(), options: { touch: boolean } = { touch: true }): Promise<SessionUser | null> {
  return withTenant(sessionCheckScope(claims), (tx) => checkSession(tx, claims, policy, now, options));
}

/** The tenant a session check runs as: Standby's own bookkeeping in the session's MSP. */
export const sessionCheckScope = (claims: SessionClaims): TenantScope => ({ mspId: claims.mspId, userId: claims.userId, role: "system", practiceIds: "*" });

/** validateSession inside a transaction already set to sessionCheckScope(claims). */
export async function checkSession(tx: Transaction, claims: SessionClaims, policy: SessionPolicy, now = new Date(), options: { touch: boolean } = { touch: true }): Promise<SessionUser | null> {
  const [row] = await tx.execute<{
    created_at: Date;
    last_seen_at: Date;
    revoked_at: Date | null;
    name: string;
    email: string;
    role: Role;
    msp_name: string;
    practice_ids: string[];
  }>(sql`
    select s.created_at, s.last_seen_at, s.revoked_at, u.name, u.email, u.role, m.name as msp_name,
           array(select a.practice_id from user_practice_access a where a.msp_id = s.msp_id and a.user_id = u.id) as practice_ids
    from sessions s join users u on u.id = s.user_id join msps m on m.id = s.msp_id
    where s.id = ${claims.sessionId} and s.user_id = ${claims.userId} and u.removed_at is null`);
  if (!row) return null;
  const times = { createdAt: new Date(row.created_at), lastSeenAt: new Date(row.last_seen_at), revokedAt: row.revoked_at };
  const state = sessionState(times, now, policy);
  if (state !== "active") {
    if (state !== "revoked") await tx.update(sessions).set({ revokedAt: now }).where(eq(sessions.id, claims.sessionId));
    return null;
  }
  if (options.touch && shouldTouch(times.lastSeenAt, now)) await tx.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, claims.sessionId));
  return {
    sessionId: claims.sessionId,
    userId: claims.userId,
    mspId: claims.mspId,
    mspName: row.msp_name,
    name: row.name,
    email: row.email,
    role: row.role,
    practiceIds: practiceScope(row.role, row.practice_ids),
  };
}

const practiceScope = (role: Role, practiceIds: string[]): "*" | string[] => (role === "admin" || role === "technician" || !isPracticeScoped(role, practiceIds.length) ? "*" : practiceIds);

export async function signOutSession(claims: SessionClaims, now = new Date()): Promise<void> {
  await withTenant({ mspId: claims.mspId, userId: claims.userId, role: "system", practiceIds: "*" }, async (tx) => {
    const revoked = await tx
      .update(sessions)
      .set({ revokedAt: now })
      .where(and(eq(sessions.id, claims.sessionId), eq(sessions.userId, claims.userId), isNull(sessions.revokedAt)))
      .returning({ id: sessions.id });
    if (revoked.length === 0) return;
    const [user] = await tx.select({ name: users.name }).from(users).where(eq(users.id, claims.userId));
    await recordAudit(
      { tx, mspId: claims.mspId, actor: { userId: claims.userId, name: user?.name ?? "unknown" }, practiceIds: "*" },
      { action: "auth.sign_out", entityType: "session", entityId: claims.sessionId },
    );
  });
}
