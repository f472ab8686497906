import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { and, eq, gt, isNull, ne, sql } from "drizzle-orm";
import { msps, recoveryCodes, sessions, users } from "@/db/schema";
import { passwordWeakness, personalWords } from "@/server/domain/password-policy";
import { reauthIsFresh, reauthMinutes, twoFactorRequiredFor } from "@/server/domain/two-factor";
import { ConflictError, ForbiddenError, InvalidError, NotFoundError } from "@/server/errors";
import type {
  ChangeEmailInput,
  ChangePasswordInput,
  ConfirmTwoFactorInput,
} from "@/server/contracts/account";
import { recordAudit, type ServiceContext } from "./context";
import { mailConfigured, sendMail } from "./mailer";
import { hashPassword } from "./passwords";
import {
  beginTotpEnrolment,
  confirmTotpEnrolment,
  recoveryCodesLeft,
  replaceRecoveryCodes,
} from "./two-factor";

/** A person's own account: every function acts on ctx.actor, in the session named. */
type Self = ServiceContext & { actor: { userId: string; name: string } };

export const reauthNeededMessage = `For your security, confirm your password first (changes to sign-in settings need it within the last ${reauthMinutes} minutes).`;

function self(ctx: ServiceContext): Self {
  if (!ctx.actor.userId) throw new ForbiddenError("Sign in first.");
  return ctx as Self;
}

async function me(ctx: Self) {
  const [user] = await ctx.tx
    .select({
      email: users.email,
      name: users.name,
      role: users.role,
      totpEnabledAt: users.totpEnabledAt,
      pending: users.totpPendingSecret,
      pendingEmail: users.pendingEmail,
      pendingEmailExpiresAt: users.pendingEmailExpiresAt,
      requireTwoFactor: msps.requireTwoFactor,
    })
    .from(users)
    .innerJoin(msps, eq(msps.id, users.mspId))
    .where(
      and(eq(users.mspId, ctx.mspId), eq(users.id, ctx.actor.userId), isNull(users.removedAt)),
    );
  if (!user) throw new NotFoundError("Account");
  return user;
}

async function reauthenticatedAt(ctx: Self, sessionId: string): Promise<Date | null> {
  const [session] = await ctx.tx
    .select({ at: sessions.reauthenticatedAt })
    .from(sessions)
    .where(
      and(
        eq(sessions.id, sessionId),
        eq(sessions.userId, ctx.actor.userId),
        isNull(sessions.revokedAt),
      ),
    );
  return session?.at ?? null;
}

/** Sensitive changes need a recent proof of the password (and code): checked here, on the server, every time. */
async function requireFreshReauth(ctx: Self, sessionId: string, now: Date) {
  if (!reauthIsFresh(await reauthenticatedAt(ctx, sessionId), now))
    throw new ForbiddenError(reauthNeededMessage);
}

export async function getAccountSecurity(
  serviceContext: ServiceContext,
  sessionId: string,
  now = new Date(),
) {
  const ctx = self(serviceContext);
  const user = await me(ctx);
  const at = await reauthenticatedAt(ctx, sessionId);
  return {
    email: user.email,
    /** A new address waiting for its link to be opened. */
    pendingEmail:
      user.pendingEmail && user.pendingEmailExpiresAt && user.pendingEmailExpiresAt > now
        ? user.pendingEmail
        : null,
    name: user.name,
    twoFactorEnabled: user.totpEnabledAt !== null,
    twoFactorEnabledAt: user.totpEnabledAt,
    recoveryCodesLeft: user.totpEnabledAt
      ? await recoveryCodesLeft(ctx.tx, ctx.mspId, ctx.actor.userId)
      : 0,
    requiredByMsp: twoFactorRequiredFor(user.role, user.requireTwoFactor),
    reauthenticatedUntil:
      at && reauthIsFresh(at, now) ? new Date(at.getTime() + reauthMinutes * 60_000) : null,
  };
}

export async function startTwoFactorEnrolment(
  serviceContext: ServiceContext,
  sessionId: string,
  now = new Date(),
) {
  const ctx = self(serviceContext);
  await requireFreshReauth(ctx, sessionId, now);
  const user = await me(ctx);
  // With two-factor already on this moves it to a new app or phone: the old secret keeps working until the new one is confirmed.
  const enrolment = await beginTotpEnrolment(ctx.tx, ctx.mspId, ctx.actor.userId, user.email);
  await recordAudit(ctx, {
    action: "account.two_factor_enrolment_started",
    entityType: "user",
    entityId: ctx.actor.userId,
    summary: { replacing: user.totpEnabledAt !== null },
  });
  return enrolment;
}

export async function confirmTwoFactorEnrolment(
  serviceContext: ServiceContext,
  sessionId: string,
  input: ConfirmTwoFactorInput,
  now = new Date(),
) {
  const ctx = self(serviceContext);
  await requireFreshReauth(ctx, sessionId, now);
  const user = await me(ctx);
  if (!user.pending) throw new InvalidError("Start again: scan a new QR code first.", "code");
  if (!(await confirmTotpEnrolment(ctx.tx, ctx.mspId, ctx.actor.userId, input.code, now)))
    throw new InvalidError(
      "That code is not right. Enter the code your app shows now (it changes every 30 seconds).",
      "code",
    );
  const codes = await replaceRecoveryCodes(ctx.tx, ctx.mspId, ctx.actor.userId, now);
  await recordAudit(ctx, {
    action: user.totpEnabledAt ? "account.two_factor_moved" : "account.two_factor_enabled",
    entityType: "user",
    entityId: ctx.actor.userId,
    summary: { recoveryCodes: codes.length },
  });
  return { recoveryCodes: codes };
}

export async function disableTwoFactor(
  serviceContext: ServiceContext,
  sessionId: string,
  now = new Date(),
) {
  const ctx = self(serviceContext);
  await requireFreshReauth(ctx, sessionId, now);
  const user = await me(ctx);
  if (!user.totpEnabledAt) throw new ConflictError("Two-factor sign-in is already off.");
  if (twoFactorRequiredFor(user.role, user.requireTwoFactor))
    throw new ForbiddenError(
      "Your MSP requires two-factor sign-in for your role, so it cannot be turned off. To use a new phone, choose “Move to a new phone”.",
    );
  await ctx.tx
    .update(users)
    .set({
      totpSecret: null,
      totpPendingSecret: null,
      totpEnabledAt: null,
      totpLastStep: null,
      updatedAt: now,
      version: sql`${users.version} + 1`,
    })
    .where(and(eq(users.mspId, ctx.mspId), eq(users.id, ctx.actor.userId)));
  await ctx.tx
    .delete(recoveryCodes)
    .where(and(eq(recoveryCodes.mspId, ctx.mspId), eq(recoveryCodes.userId, ctx.actor.userId)));
  await recordAudit(ctx, {
    action: "account.two_factor_disabled",
    entityType: "user",
    entityId: ctx.actor.userId,
  });
}

export async function regenerateRecoveryCodes(
  serviceContext: ServiceContext,
  sessionId: string,
  now = new Date(),
) {
  const ctx = self(serviceContext);
  await requireFreshReauth(ctx, sessionId, now);
  const user = await me(ctx);
  if (!user.totpEnabledAt) throw new ConflictError("Turn on two-factor sign-in first.");
  const codes = await replaceRecoveryCodes(ctx.tx, ctx.mspId, ctx.actor.userId, now);
  await recordAudit(ctx, {
    action: "account.recovery_codes_regenerated",
    entityType: "user",
    entityId: ctx.actor.userId,
    summary: { recoveryCodes: codes.length },
  });
  return { recoveryCodes: codes };
}

/** A new password; every other session of the person ends (this one stays). */
export async function changePassword(
  serviceContext: ServiceContext,
  sessionId: string,
  input: ChangePasswordInput,
  now = new Date(),
) {
  const ctx = self(serviceContext);
  await requireFreshReauth(ctx, sessionId, now);
  const user = await me(ctx);
  const weakness = passwordWeakness(input.newPassword, personalWords(user.email, user.name));
  if (weakness) throw new InvalidError(weakness, "newPassword");
  await ctx.tx
    .update(users)
    .set({
      passwordHash: await hashPassword(input.newPassword),
      updatedAt: now,
      version: sql`${users.version} + 1`,
    })
    .where(and(eq(users.mspId, ctx.mspId), eq(users.id, ctx.actor.userId)));
  const ended = await ctx.tx
    .update(sessions)
    .set({ revokedAt: now })
    .where(
      and(
        eq(sessions.mspId, ctx.mspId),
        eq(sessions.userId, ctx.actor.userId),
        ne(sessions.id, sessionId),
        isNull(sessions.revokedAt),
      ),
    )
    .returning({ id: sessions.id });
  await recordAudit(ctx, {
    action: "account.password_changed",
    entityType: "user",
    entityId: ctx.actor.userId,
    summary: { otherSessionsEnded: ended.length },
  });
  return { otherSessionsEnded: ended.length };
}

/** How long the link sent to a new address works. */
export const EMAIL_CHANGE_TTL_HOURS = 24;

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

export const emailChangeNeedsMailMessage =
  "Standby cannot send mail here yet (SMTP_URL is not set), so it cannot confirm a new address. Ask whoever runs Standby to set up mail.";

/**
 * Asks for a new sign-in email. Nothing changes until the link sent to the new address is opened
 * (confirmEmailChange); the current address is told. The answer is the same whether or not the new
 * address already has an account (no account discovery): such an address gets a notice, not a link.
 */
export async function changeEmail(
  serviceContext: ServiceContext,
  sessionId: string,
  input: ChangeEmailInput,
  appUrl: string,
  now = new Date(),
) {
  const ctx = self(serviceContext);
  await requireFreshReauth(ctx, sessionId, now);
  const user = await me(ctx);
  const email = input.email.trim().toLowerCase();
  if (email === user.email.toLowerCase()) {
    await ctx.tx
      .update(users)
      .set({ pendingEmail: null, pendingEmailTokenHash: null, pendingEmailExpiresAt: null })
      .where(and(eq(users.mspId, ctx.mspId), eq(users.id, ctx.actor.userId)));
    return { email: user.email, pendingEmail: null };
  }
  if (!mailConfigured()) throw new InvalidError(emailChangeNeedsMailMessage, "email");
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + EMAIL_CHANGE_TTL_HOURS * 60 * 60_000);
  await ctx.tx
    .update(users)
    .set({
      pendingEmail: email,
      pendingEmailTokenHash: hashToken(token),
      pendingEmailExpiresAt: expiresAt,
      updatedAt: now,
    })
    .where(and(eq(users.mspId, ctx.mspId), eq(users.id, ctx.actor.userId)));
  await recordAudit(ctx, {
    action: "account.email_change_requested",
    entityType: "user",
    entityId: ctx.actor.userId,
    summary: { from: user.email, to: email },
  });
  const [taken] = await ctx.tx.execute<{ user_id: string }>(
    sql`select user_id from standby_sign_in_lookup(${email})`,
  );
  const url = `${appUrl.replace(/\/$/, "")}/account/confirm-email/${token}`;
  await sendMail(
    taken
      ? {
          to: email,
          subject: "Someone tried to use your address for another Standby account",
          text: `${user.name} asked to change their Standby sign-in email to this address. You already have a Standby account with it, so nothing changed and your account is as it was.\nIf you did not expect this, you can ignore it.\n`,
        }
      : {
          to: email,
          subject: "Confirm your new Standby email",
          text: `${user.name} asked to sign in to Standby with this address from now on.\n\nTo confirm, open this link while signed in (it works once, until ${expiresAt.toUTCString()}):\n${url}\n\nIf you did not ask for this, ignore this message: nothing changes.\n`,
        },
  );
  await sendMail({
    to: user.email,
    subject: "A change of your Standby email was requested",
    text: `Someone signed in as you asked to change your Standby sign-in email to ${email}. It changes only when the link sent to that address is opened.\nIf this was not you, sign in, change your password, and tell your MSP admin.\n`,
  });
  return { email: user.email, pendingEmail: email };
}

/** Opens the link sent to a new address: the change takes effect. Only for the account that asked, once, before it expires. */
export async function confirmEmailChange(
  serviceContext: ServiceContext,
  token: string,
  now = new Date(),
) {
  const ctx = self(serviceContext);
  const user = await me(ctx);
  const [pending] = await ctx.tx
    .select({ email: users.pendingEmail })
    .from(users)
    .where(
      and(
        eq(users.mspId, ctx.mspId),
        eq(users.id, ctx.actor.userId),
        eq(users.pendingEmailTokenHash, hashToken(token)),
        gt(users.pendingEmailExpiresAt, now),
      ),
    );
  if (!pending?.email)
    throw new InvalidError(
      "This link has expired, was replaced by a newer one, or belongs to another account. Ask for the change again under Account security.",
    );
  try {
    await ctx.tx
      .update(users)
      .set({
        email: pending.email,
        pendingEmail: null,
        pendingEmailTokenHash: null,
        pendingEmailExpiresAt: null,
        updatedAt: now,
        version: sql`${users.version} + 1`,
      })
      .where(and(eq(users.mspId, ctx.mspId), eq(users.id, ctx.actor.userId)));
  } catch (error) {
    if (
      (error as { cause?: { code?: string } }).cause?.code === "23505" ||
      (error as { code?: string }).code === "23505"
    )
      throw new ConflictError("Another account already uses that email.");
    throw error;
  }
  await recordAudit(ctx, {
    action: "account.email_changed",
    entityType: "user",
    entityId: ctx.actor.userId,
    summary: { from: user.email, to: pending.email },
  });
  return { email: pending.email };
}

// ---------------------------------------------------------------------------------------------
// The MSP's setting (admins only: the permission table and the msps row policy both say so)

export async function getMspSecurity(ctx: ServiceContext) {
  const [msp] = await ctx.tx
    .select({ requireTwoFactor: msps.requireTwoFactor })
    .from(msps)
    .where(eq(msps.id, ctx.mspId));
  if (!msp) throw new NotFoundError("MSP");
  return msp;
}

export async function setRequireTwoFactor(
  serviceContext: ServiceContext,
  input: { required: boolean },
) {
  const ctx = self(serviceContext);
  const before = await getMspSecurity(ctx);
  if (before.requireTwoFactor === input.required) return before;
  if (input.required && !(await me(ctx)).totpEnabledAt)
    throw new InvalidError(
      "Turn on two-factor sign-in for your own account first (Account security), then require it for everyone.",
      "required",
    );
  await ctx.tx.update(msps).set({ requireTwoFactor: input.required }).where(eq(msps.id, ctx.mspId));
  await recordAudit(ctx, {
    action: "msp.require_two_factor",
    entityType: "msp",
    entityId: ctx.mspId,
    summary: { before: before.requireTwoFactor, after: input.required },
  });
  return { requireTwoFactor: input.required };
}
