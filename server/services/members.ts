import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { and, asc, count, desc, eq, gt, inArray, isNotNull, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import {
  invitations,
  msps,
  practices,
  recoveryCodes,
  sessions,
  userPracticeAccess,
  users,
} from "@/db/schema";
import { withTenant, withoutTenant } from "@/db/tenant";
import { passwordWeakness, personalWords } from "@/server/domain/password-policy";
import {
  gainsPatientDataAccess,
  patientDataAccessStarts,
  worksPatientData,
} from "@/server/domain/patient-data-access";
import { sessionPolicyFromEnv } from "@/server/domain/session-rules";
import { ConflictError, InvalidError, NotFoundError } from "@/server/errors";
import { roleLabels } from "@/server/permissions";
import { recordAudit, type ServiceContext } from "./context";
import {
  INVITATION_TTL_DAYS,
  acceptInvitationFormSchema,
  type changeMemberAccessSchema,
  type invitationIdSchema,
  type inviteMemberSchema,
  type memberIdSchema,
} from "@/server/contracts/members";
import { sendMail } from "./mailer";
import { hashPassword } from "./passwords";

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

export async function listMembers(
  ctx: ServiceContext,
  now = new Date(),
  policy = sessionPolicyFromEnv(),
) {
  const members = await ctx.tx
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      role: users.role,
      allPractices: users.allPractices,
      patientDataAccessFrom: users.patientDataAccessFrom,
      version: users.version,
      createdAt: users.createdAt,
      twoFactorEnabledAt: users.totpEnabledAt,
    })
    .from(users)
    .where(and(eq(users.mspId, ctx.mspId), isNull(users.removedAt)))
    .orderBy(asc(users.name))
    .limit(1000);
  const access = await ctx.tx
    .select({
      userId: userPracticeAccess.userId,
      practiceId: practices.id,
      practiceName: practices.name,
    })
    .from(userPracticeAccess)
    .innerJoin(
      practices,
      and(
        eq(practices.mspId, userPracticeAccess.mspId),
        eq(practices.id, userPracticeAccess.practiceId),
      ),
    )
    .where(eq(userPracticeAccess.mspId, ctx.mspId))
    .orderBy(asc(practices.name));
  const activeSessions = await ctx.tx
    .select({ userId: sessions.userId, value: count() })
    .from(sessions)
    .where(
      and(
        eq(sessions.mspId, ctx.mspId),
        isNull(sessions.revokedAt),
        gt(sessions.lastSeenAt, new Date(now.getTime() - policy.idleMinutes * 60_000)),
        gt(sessions.createdAt, new Date(now.getTime() - policy.absoluteMinutes * 60_000)),
      ),
    )
    .groupBy(sessions.userId);
  const pending = await ctx.tx
    .select({
      id: invitations.id,
      email: invitations.email,
      role: invitations.role,
      allPractices: invitations.allPractices,
      expiresAt: invitations.expiresAt,
      createdAt: invitations.createdAt,
    })
    .from(invitations)
    .where(
      and(
        eq(invitations.mspId, ctx.mspId),
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
      ),
    )
    .orderBy(desc(invitations.createdAt))
    .limit(200);
  return {
    members: members.map(({ twoFactorEnabledAt, ...member }) => ({
      ...member,
      /** Routine access to patient data given by a change or an invitation, not begun yet. */
      patientDataPending:
        worksPatientData(member.role) && member.patientDataAccessFrom.getTime() > now.getTime(),
      twoFactor: twoFactorEnabledAt !== null,
      practices: access
        .filter((row) => row.userId === member.id)
        .map((row) => ({ id: row.practiceId, name: row.practiceName })),
      openSessions: activeSessions.find((row) => row.userId === member.id)?.value ?? 0,
    })),
    invitations: pending.map((invitation) => ({
      ...invitation,
      expired: invitation.expiresAt.getTime() <= now.getTime(),
    })),
  };
}

async function assertPracticesInMsp(ctx: ServiceContext, practiceIds: string[]) {
  if (practiceIds.length === 0) return;
  const unique = [...new Set(practiceIds)];
  const [found] = await ctx.tx
    .select({ value: count() })
    .from(practices)
    .where(
      and(
        eq(practices.mspId, ctx.mspId),
        inArray(practices.id, unique),
        isNull(practices.archivedAt),
      ),
    );
  if ((found?.value ?? 0) !== unique.length) throw new NotFoundError("One of the chosen practices");
}

/**
 * Creates an invitation link. An address that already has a Standby account in another MSP gets the
 * same answer as a new one (no account discovery); its owner is told by email that an MSP tried to
 * invite them, and the link cannot make a second account (a person belongs to one MSP).
 */
export async function inviteMember(
  ctx: ServiceContext,
  input: z.infer<typeof inviteMemberSchema>,
  appUrl: string,
  now = new Date(),
) {
  await assertPracticesInMsp(ctx, input.practiceIds);
  const [existing] = await ctx.tx.execute<{ user_id: string; msp_id: string }>(
    sql`select user_id, msp_id from standby_sign_in_lookup(${input.email})`,
  );
  // The MSP's own member: the admin sees them in the member list anyway.
  if (existing?.msp_id === ctx.mspId)
    throw new InvalidError(
      `${input.email} is already a member. Change their access in the member list instead.`,
      "email",
    );
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + INVITATION_TTL_DAYS * 24 * 60 * 60_000);
  const allPractices = input.role === "leadership" && input.allPractices;
  const [invitation] = await ctx.tx
    .insert(invitations)
    .values({
      mspId: ctx.mspId,
      email: input.email,
      role: input.role,
      practiceIds: [...new Set(input.practiceIds)],
      allPractices,
      tokenHash: hashToken(token),
      invitedBy: ctx.actor.userId!,
      expiresAt,
      createdAt: now,
    })
    .returning({ id: invitations.id });
  await recordAudit(ctx, {
    action: "member.invite",
    entityType: "invitation",
    entityId: invitation!.id,
    summary: {
      email: input.email,
      role: input.role,
      practices: input.practiceIds.length,
      allPractices,
    },
  });
  const url = `${appUrl.replace(/\/$/, "")}/invite/${token}`;
  const [msp] = await ctx.tx.select({ name: msps.name }).from(msps).where(eq(msps.id, ctx.mspId));
  const mspName = msp?.name ?? "An MSP";
  const emailed = existing
    ? await sendMail({
        to: input.email,
        subject: "An MSP tried to invite you to Standby",
        text:
          `${ctx.actor.name} of ${mspName} tried to invite this address to Standby as ${roleLabels[input.role]}.\n\n` +
          `You already have a Standby account with this address, and an account belongs to one MSP, so nothing changed: keep signing in as before.\n` +
          `If you mean to move to ${mspName}, ask your current MSP's admin to remove you, then ask ${mspName} for a new invitation. If you did not expect this, you can ignore it.\n`,
      })
    : await sendMail({
        to: input.email,
        subject: "You are invited to Standby",
        text: `${ctx.actor.name} invited you to Standby as ${roleLabels[input.role]}.\n\nSet your password here (the link works once and expires on ${expiresAt.toUTCString()}):\n${url}\n`,
      });
  return { invitationId: invitation!.id, url, expiresAt, emailed };
}

export async function revokeInvitation(
  ctx: ServiceContext,
  input: z.infer<typeof invitationIdSchema>,
  now = new Date(),
) {
  const [revoked] = await ctx.tx
    .update(invitations)
    .set({ revokedAt: now })
    .where(
      and(
        eq(invitations.mspId, ctx.mspId),
        eq(invitations.id, input.invitationId),
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
      ),
    )
    .returning({ email: invitations.email });
  if (!revoked) throw new NotFoundError("Invitation");
  await recordAudit(ctx, {
    action: "member.invitation_revoke",
    entityType: "invitation",
    entityId: input.invitationId,
    summary: { email: revoked.email },
  });
}

export type InvitationStatus = "valid" | "expired" | "used" | "revoked";

function invitationStatus(
  row: { acceptedAt: Date | null; revokedAt: Date | null; expiresAt: Date },
  now: Date,
): InvitationStatus {
  if (row.acceptedAt) return "used";
  if (row.revokedAt) return "revoked";
  return row.expiresAt.getTime() <= now.getTime() ? "expired" : "valid";
}

/** Opens an invitation link before anyone is signed in. Unknown tokens and other MSPs' rows look the same: null. */
export async function getInvitation(token: string, now = new Date()) {
  const [found] = await withoutTenant((tx) =>
    tx.execute<{ invitation_id: string; msp_id: string }>(
      sql`select invitation_id, msp_id from standby_invitation_lookup(${hashToken(token)})`,
    ),
  );
  if (!found) return null;
  return withTenant(
    { mspId: found.msp_id, userId: null, role: "system", practiceIds: "*" },
    async (tx) => {
      const [row] = await tx
        .select({
          email: invitations.email,
          role: invitations.role,
          expiresAt: invitations.expiresAt,
          acceptedAt: invitations.acceptedAt,
          revokedAt: invitations.revokedAt,
          mspName: msps.name,
        })
        .from(invitations)
        .innerJoin(msps, eq(msps.id, invitations.mspId))
        .where(eq(invitations.id, found.invitation_id));
      if (!row) return null;
      return {
        email: row.email,
        role: row.role,
        mspName: row.mspName,
        expiresAt: row.expiresAt,
        status: invitationStatus(row, now),
      };
    },
  );
}

/** Turns a valid invitation into a member with a password. The link then stops working. */
export async function acceptInvitation(
  input: z.infer<typeof acceptInvitationFormSchema>,
  now = new Date(),
): Promise<{ email: string }> {
  const [found] = await withoutTenant((tx) =>
    tx.execute<{ invitation_id: string; msp_id: string }>(
      sql`select invitation_id, msp_id from standby_invitation_lookup(${hashToken(input.token)})`,
    ),
  );
  if (!found) throw new NotFoundError("This invitation");
  return withTenant(
    { mspId: found.msp_id, userId: null, role: "system", practiceIds: "*" },
    async (tx) => {
      const [invitation] = await tx
        .select()
        .from(invitations)
        .where(eq(invitations.id, found.invitation_id))
        .for("update");
      if (!invitation) throw new NotFoundError("This invitation");
      const status = invitationStatus(invitation, now);
      if (status !== "valid")
        throw new InvalidError(
          `This invitation ${status === "used" ? "has already been used" : status === "expired" ? "has expired" : "was withdrawn"}. Ask your MSP admin for a new one.`,
        );
      const weakness = passwordWeakness(
        input.password,
        personalWords(invitation.email, input.name),
      );
      if (weakness) throw new InvalidError(weakness, "password");
      const [existing] = await tx.execute<{ user_id: string }>(
        sql`select user_id from standby_sign_in_lookup(${invitation.email})`,
      );
      if (existing)
        throw new InvalidError(
          "A Standby account with this email already exists. Sign in instead.",
        );

      // Routine access to patient data begins a day after joining (server/domain/patient-data-access.ts):
      // an admin cannot invite a second account of their own and read patient records through it at once.
      const [user] = await tx
        .insert(users)
        .values({
          mspId: invitation.mspId,
          email: invitation.email,
          name: input.name,
          role: invitation.role,
          allPractices: invitation.role === "leadership" && invitation.allPractices,
          patientDataAccessFrom: worksPatientData(invitation.role)
            ? patientDataAccessStarts(now)
            : now,
          passwordHash: await hashPassword(input.password),
          createdAt: now,
        })
        .returning({ id: users.id, patientDataAccessFrom: users.patientDataAccessFrom });
      const livePractices = invitation.practiceIds.length
        ? await tx
            .select({ id: practices.id })
            .from(practices)
            .where(
              and(
                eq(practices.mspId, invitation.mspId),
                inArray(practices.id, invitation.practiceIds),
              ),
            )
        : [];
      if (livePractices.length)
        await tx.insert(userPracticeAccess).values(
          livePractices.map((practice) => ({
            mspId: invitation.mspId,
            userId: user!.id,
            practiceId: practice.id,
          })),
        );
      await tx
        .update(invitations)
        .set({ acceptedAt: now })
        .where(eq(invitations.id, invitation.id));
      await recordAudit(
        {
          tx,
          mspId: invitation.mspId,
          actor: { userId: user!.id, name: input.name },
          practiceIds: "*",
        },
        {
          action: "member.join",
          entityType: "user",
          entityId: user!.id,
          summary: {
            email: invitation.email,
            role: invitation.role,
            ...(worksPatientData(invitation.role)
              ? { patientDataAccessFrom: user!.patientDataAccessFrom.toISOString() }
              : {}),
          },
        },
      );
      return { email: invitation.email };
    },
  );
}

/** Locks the MSP's admins so that two admins demoting each other at once cannot leave none. */
async function assertAnotherAdminRemains(ctx: ServiceContext, userId: string) {
  const admins = await ctx.tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.mspId, ctx.mspId), eq(users.role, "admin"), isNull(users.removedAt)))
    .for("update");
  if (admins.some((admin) => admin.id === userId) && admins.length <= 1)
    throw new InvalidError("Standby needs at least one admin. Make another member an admin first.");
}

async function getMember(ctx: ServiceContext, userId: string) {
  const [member] = await ctx.tx
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      role: users.role,
      version: users.version,
    })
    .from(users)
    .where(and(eq(users.mspId, ctx.mspId), eq(users.id, userId), isNull(users.removedAt)));
  if (!member) throw new NotFoundError("Member");
  return member;
}

/**
 * A member's role and practices. A change that gives routine access to patient data they did not have
 * takes effect PATIENT_DATA_DELAY_HOURS later (users.patient_data_access_from); the practice's managers
 * see it on the practice page meantime. Everything else applies to the member's sessions at once.
 */
export async function changeMemberAccess(
  ctx: ServiceContext,
  input: z.infer<typeof changeMemberAccessSchema>,
  now = new Date(),
) {
  const before = await getMember(ctx, input.userId);
  if (input.role !== "admin") await assertAnotherAdminRemains(ctx, input.userId);
  await assertPracticesInMsp(ctx, input.practiceIds);
  const practiceIds = [...new Set(input.practiceIds)];
  const practicesBefore = await ctx.tx
    .select({ practiceId: userPracticeAccess.practiceId })
    .from(userPracticeAccess)
    .where(
      and(eq(userPracticeAccess.mspId, ctx.mspId), eq(userPracticeAccess.userId, input.userId)),
    );
  const gains = gainsPatientDataAccess(
    { role: before.role, practiceIds: practicesBefore.map((row) => row.practiceId) },
    { role: input.role, practiceIds },
  );
  const patientDataAccessFrom = gains ? patientDataAccessStarts(now) : null;
  const allPractices = input.role === "leadership" && input.allPractices;
  const [updated] = await ctx.tx
    .update(users)
    .set({
      role: input.role,
      allPractices,
      ...(patientDataAccessFrom ? { patientDataAccessFrom } : {}),
      version: sql`${users.version} + 1`,
      updatedAt: now,
    })
    .where(
      and(eq(users.mspId, ctx.mspId), eq(users.id, input.userId), eq(users.version, input.version)),
    )
    .returning({ version: users.version, patientDataAccessFrom: users.patientDataAccessFrom });
  if (!updated)
    throw new ConflictError(
      `${before.name}'s access was changed by someone else after you opened it. Reload to see the current access.`,
    );
  await ctx.tx
    .delete(userPracticeAccess)
    .where(
      and(eq(userPracticeAccess.mspId, ctx.mspId), eq(userPracticeAccess.userId, input.userId)),
    );
  if (practiceIds.length)
    await ctx.tx
      .insert(userPracticeAccess)
      .values(
        practiceIds.map((practiceId) => ({ mspId: ctx.mspId, userId: input.userId, practiceId })),
      );
  await recordAudit(ctx, {
    action: "member.change_access",
    entityType: "user",
    entityId: input.userId,
    summary: {
      email: before.email,
      roleBefore: before.role,
      roleAfter: input.role,
      practices: practiceIds.length,
      allPractices,
      ...(patientDataAccessFrom
        ? { patientDataAccessFrom: patientDataAccessFrom.toISOString() }
        : {}),
    },
  });
  return {
    version: updated.version,
    patientDataAccessFrom: worksPatientData(input.role) ? updated.patientDataAccessFrom : null,
  };
}

export async function removeMember(
  ctx: ServiceContext,
  input: z.infer<typeof memberIdSchema>,
  now = new Date(),
) {
  const member = await getMember(ctx, input.userId);
  await assertAnotherAdminRemains(ctx, input.userId);
  await ctx.tx
    .update(users)
    .set({ removedAt: now, updatedAt: now, version: sql`${users.version} + 1` })
    .where(and(eq(users.mspId, ctx.mspId), eq(users.id, input.userId)));
  await ctx.tx
    .delete(userPracticeAccess)
    .where(
      and(eq(userPracticeAccess.mspId, ctx.mspId), eq(userPracticeAccess.userId, input.userId)),
    );
  const ended = await revokeSessionsOf(ctx, input.userId, now);
  await recordAudit(ctx, {
    action: "member.remove",
    entityType: "user",
    entityId: input.userId,
    summary: { email: member.email, role: member.role, sessionsEnded: ended },
  });
}

export async function signOutEverywhere(
  ctx: ServiceContext,
  input: z.infer<typeof memberIdSchema>,
  now = new Date(),
) {
  const member = await getMember(ctx, input.userId);
  const ended = await revokeSessionsOf(ctx, input.userId, now);
  await recordAudit(ctx, {
    action: "member.sign_out_everywhere",
    entityType: "user",
    entityId: input.userId,
    summary: { email: member.email, sessionsEnded: ended },
  });
  return { sessionsEnded: ended };
}

/**
 * For a member who lost their phone and their recovery codes: their two-factor is cleared and every
 * session ends. They sign in with their password and (if the MSP requires it) are sent to enrol again.
 */
export async function resetTwoFactor(
  ctx: ServiceContext,
  input: z.infer<typeof memberIdSchema>,
  now = new Date(),
) {
  const member = await getMember(ctx, input.userId);
  const cleared = await ctx.tx
    .update(users)
    .set({
      totpSecret: null,
      totpPendingSecret: null,
      totpEnabledAt: null,
      totpLastStep: null,
      updatedAt: now,
      version: sql`${users.version} + 1`,
    })
    .where(
      and(eq(users.mspId, ctx.mspId), eq(users.id, input.userId), isNotNull(users.totpEnabledAt)),
    )
    .returning({ id: users.id });
  if (cleared.length === 0)
    throw new ConflictError(`${member.name} does not have two-factor sign-in on.`);
  await ctx.tx
    .delete(recoveryCodes)
    .where(and(eq(recoveryCodes.mspId, ctx.mspId), eq(recoveryCodes.userId, input.userId)));
  const ended = await revokeSessionsOf(ctx, input.userId, now);
  await recordAudit(ctx, {
    action: "member.two_factor_reset",
    entityType: "user",
    entityId: input.userId,
    summary: { email: member.email, sessionsEnded: ended },
  });
  return { sessionsEnded: ended };
}

async function revokeSessionsOf(ctx: ServiceContext, userId: string, now: Date): Promise<number> {
  const ended = await ctx.tx
    .update(sessions)
    .set({ revokedAt: now })
    .where(
      and(eq(sessions.mspId, ctx.mspId), eq(sessions.userId, userId), isNull(sessions.revokedAt)),
    )
    .returning({ id: sessions.id });
  return ended.length;
}
