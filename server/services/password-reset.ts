/**
 * Forgotten passwords: a one-time link by email when Standby can send mail ("Forgot your
 * password?" on the sign-in page), or one an admin makes for a member from Members and passes on.
 * Setting the new password ends every session of the account; two-factor sign-in stays on.
 */
import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { and, eq, isNull, sql } from "drizzle-orm";
import type { z } from "zod";
import { msps, passwordResets, sessions, users } from "@/db/schema";
import { withTenant, withoutTenant, type TenantScope } from "@/db/tenant";
import {
  ADMIN_RESET_TTL_HOURS,
  SELF_RESET_TTL_MINUTES,
  type completePasswordResetSchema,
  type passwordResetTokenSchema,
  type requestPasswordResetSchema,
} from "@/server/contracts/password-reset";
import type { memberIdSchema } from "@/server/contracts/members";
import { mailedLinkBase } from "@/server/domain/forwarded";
import { passwordWeakness, personalWords } from "@/server/domain/password-policy";
import type { RateLimit } from "@/server/domain/request-limits";
import { InvalidError, NotFoundError, TooManyRequestsError } from "@/server/errors";
import { recordAudit, type ServiceContext } from "./context";
import { mailConfigured, sendMail } from "./mailer";
import { hashPassword } from "./passwords";
import { countRequest } from "./request-rate";

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

/** Asking for links: 3 an hour for one address, 20 an hour from one client address. */
const PER_EMAIL: RateLimit = { callsPerWindow: 3, windowSeconds: 3600 };
const PER_CLIENT: RateLimit = { callsPerWindow: 20, windowSeconds: 3600 };

const systemScope = (mspId: string): TenantScope => ({
  mspId,
  userId: null,
  role: "system",
  practiceIds: "*",
});

const resetUrl = (appUrl: string, token: string) =>
  `${appUrl.replace(/\/$/, "")}/reset-password/${token}`;

/** A new link for one member; earlier unused links of theirs stop working. */
async function issueReset(
  ctx: Pick<ServiceContext, "tx" | "mspId">,
  userId: string,
  expiresAt: Date,
  createdByUserId: string | null,
  now: Date,
) {
  await ctx.tx
    .update(passwordResets)
    .set({ usedAt: now })
    .where(
      and(
        eq(passwordResets.mspId, ctx.mspId),
        eq(passwordResets.userId, userId),
        isNull(passwordResets.usedAt),
      ),
    );
  const token = randomBytes(32).toString("base64url");
  await ctx.tx.insert(passwordResets).values({
    mspId: ctx.mspId,
    userId,
    tokenHash: hashToken(token),
    createdByUserId,
    expiresAt,
    createdAt: now,
  });
  return token;
}

/**
 * "Forgot your password?": the answer is the same whether or not the address has an account (no
 * account discovery), and the mail is sent after the answer is decided, so its time tells nothing
 * either. Without mail set up, nothing is made: the page says to ask the MSP's admin.
 */
export async function requestPasswordReset(
  input: z.infer<typeof requestPasswordResetSchema>,
  appUrl: string,
  clientAddress: string,
  now = new Date(),
): Promise<{ mailConfigured: boolean }> {
  const linkBase = mailedLinkBase(appUrl, process.env.AUTH_URL);
  if (!mailConfigured() || !linkBase) return { mailConfigured: false };
  const email = input.email.toLowerCase();
  const [byEmail, byClient] = await Promise.all([
    countRequest(`password-reset-email:${email}`, 1, PER_EMAIL, now),
    countRequest(`password-reset-client:${clientAddress}`, 1, PER_CLIENT, now),
  ]);
  if (!byEmail.allowed || !byClient.allowed)
    throw new TooManyRequestsError(
      "Too many reset links asked for in the last hour. Use the newest email you received, or ask your MSP's admin.",
    );
  const [account] = await withoutTenant((tx) =>
    tx.execute<{ user_id: string; msp_id: string }>(
      sql`select user_id, msp_id from standby_sign_in_lookup(${email})`,
    ),
  );
  if (!account) return { mailConfigured: true };
  const mail = await withTenant(systemScope(account.msp_id), async (tx) => {
    const [user] = await tx
      .select({ name: users.name, email: users.email, mspName: msps.name })
      .from(users)
      .innerJoin(msps, eq(msps.id, users.mspId))
      .where(and(eq(users.mspId, account.msp_id), eq(users.id, account.user_id)));
    if (!user) return null;
    const expiresAt = new Date(now.getTime() + SELF_RESET_TTL_MINUTES * 60_000);
    const token = await issueReset(
      { tx, mspId: account.msp_id },
      account.user_id,
      expiresAt,
      null,
      now,
    );
    await recordAudit(
      {
        tx,
        mspId: account.msp_id,
        // Anyone may type an address into the form: not the account's owner, but where it came from.
        actor: { userId: null, name: "Forgot-password form" },
        practiceIds: "*",
      },
      {
        action: "account.password_reset_requested",
        entityType: "user",
        entityId: account.user_id,
        summary: { by: "email link", from: clientAddress },
      },
    );
    return {
      to: user.email,
      subject: "Set a new Standby password",
      text:
        `Someone (we hope you) asked to set a new password for your Standby account at ${user.mspName}.\n\n` +
        `Set it here (the link works once, for ${SELF_RESET_TTL_MINUTES} minutes):\n${resetUrl(linkBase, token)}\n\n` +
        `If you did not ask, ignore this email: your password stays as it is.\n`,
    };
  });
  // Not awaited: the answer must not take longer when the address has an account.
  if (mail) void sendMail(mail);
  return { mailConfigured: true };
}

/**
 * Members → Reset password: a link for the member. With mail set up it goes to their address only;
 * otherwise the admin is shown it to pass on. Their sessions end when the new password is set.
 */
export async function adminResetPassword(
  ctx: ServiceContext,
  input: z.infer<typeof memberIdSchema>,
  appUrl: string,
  now = new Date(),
): Promise<{ emailedTo: string | null; url: string | null; expiresAt: Date }> {
  const [member] = await ctx.tx
    .select({ id: users.id, name: users.name, email: users.email })
    .from(users)
    .where(and(eq(users.mspId, ctx.mspId), eq(users.id, input.userId), isNull(users.removedAt)));
  if (!member) throw new NotFoundError("Member");
  const expiresAt = new Date(now.getTime() + ADMIN_RESET_TTL_HOURS * 3_600_000);
  const token = await issueReset(ctx, member.id, expiresAt, ctx.actor.userId, now);
  const url = resetUrl(appUrl, token);
  const emailed = mailConfigured()
    ? await sendMail({
        to: member.email,
        subject: "Set a new Standby password",
        text:
          `${ctx.actor.name}, your MSP's admin, made you a link to set a new Standby password.\n\n` +
          `Set it here (the link works once, until ${expiresAt.toUTCString()}):\n${url}\n\n` +
          `If you did not expect this, tell your admin.\n`,
      })
    : false;
  await recordAudit(ctx, {
    action: "member.password_reset_link",
    entityType: "user",
    entityId: member.id,
    summary: { email: member.email, emailed },
  });
  return emailed
    ? { emailedTo: member.email, url: null, expiresAt }
    : { emailedTo: null, url, expiresAt };
}

type ResetRow = typeof passwordResets.$inferSelect;

function resetProblem(reset: ResetRow, now: Date): string | null {
  if (reset.usedAt)
    return "This link has already been used, or a newer one was made. Ask for a new one.";
  if (reset.expiresAt <= now) return "This link has expired. Ask for a new one.";
  return null;
}

async function findReset(token: string) {
  const [found] = await withoutTenant((tx) =>
    tx.execute<{ reset_id: string; msp_id: string }>(
      sql`select reset_id, msp_id from standby_password_reset_lookup(${hashToken(token)})`,
    ),
  );
  return found ?? null;
}

/** What the reset page shows before the new password is typed: whose account, or why not. */
export async function getPasswordReset(
  input: z.infer<typeof passwordResetTokenSchema>,
  now = new Date(),
): Promise<{ email: string; problem: string | null } | null> {
  const found = await findReset(input.token);
  if (!found) return null;
  return withTenant(systemScope(found.msp_id), async (tx) => {
    const [row] = await tx
      .select({ reset: passwordResets, email: users.email })
      .from(passwordResets)
      .innerJoin(
        users,
        and(eq(users.mspId, passwordResets.mspId), eq(users.id, passwordResets.userId)),
      )
      .where(eq(passwordResets.id, found.reset_id));
    if (!row) return null;
    return { email: row.email, problem: resetProblem(row.reset, now) };
  });
}

/** Sets the new password: the link is used up, every session of the account ends. */
export async function completePasswordReset(
  input: z.infer<typeof completePasswordResetSchema>,
  now = new Date(),
): Promise<{ email: string }> {
  const found = await findReset(input.token);
  if (!found) throw new NotFoundError("This link");
  return withTenant(systemScope(found.msp_id), async (tx) => {
    const [reset] = await tx
      .select()
      .from(passwordResets)
      .where(eq(passwordResets.id, found.reset_id))
      .for("update");
    if (!reset) throw new NotFoundError("This link");
    const problem = resetProblem(reset, now);
    if (problem) throw new InvalidError(problem);
    const [user] = await tx
      .select({ id: users.id, name: users.name, email: users.email })
      .from(users)
      .where(
        and(eq(users.mspId, reset.mspId), eq(users.id, reset.userId), isNull(users.removedAt)),
      );
    if (!user) throw new InvalidError("This account no longer exists. Ask your MSP's admin.");
    const weakness = passwordWeakness(input.password, personalWords(user.email, user.name));
    if (weakness) throw new InvalidError(weakness, "password");
    await tx
      .update(users)
      .set({
        passwordHash: await hashPassword(input.password),
        updatedAt: now,
        version: sql`${users.version} + 1`,
      })
      .where(and(eq(users.mspId, reset.mspId), eq(users.id, user.id)));
    // Every link of theirs still open ends here too, not only the one used.
    await tx
      .update(passwordResets)
      .set({ usedAt: now })
      .where(
        and(
          eq(passwordResets.mspId, reset.mspId),
          eq(passwordResets.userId, user.id),
          isNull(passwordResets.usedAt),
        ),
      );
    const ended = await tx
      .update(sessions)
      .set({ revokedAt: now })
      .where(
        and(
          eq(sessions.mspId, reset.mspId),
          eq(sessions.userId, user.id),
          isNull(sessions.revokedAt),
        ),
      )
      .returning({ id: sessions.id });
    await recordAudit(
      { tx, mspId: reset.mspId, actor: { userId: user.id, name: user.name }, practiceIds: "*" },
      {
        action: "account.password_reset",
        entityType: "user",
        entityId: user.id,
        summary: {
          by: reset.createdByUserId ? "admin link" : "email link",
          sessionsEnded: ended.length,
        },
      },
    );
    return { email: user.email };
  });
}
