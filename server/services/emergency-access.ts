import "server-only";
import { and, desc, eq, gt, lte, sql } from "drizzle-orm";
import type { z } from "zod";
import { emergencyAccessGrants, incidents } from "@/db/schema";
import { grantWindow, secondsLeft } from "@/server/domain/emergency-access";
import { PATIENT_DATA_CHANGES_SHOWN_DAYS } from "@/server/domain/patient-data-access";
import type { Role } from "@/server/permissions";
import { ForbiddenError, InvalidError, NotFoundError } from "@/server/errors";
import { practiceInScope, recordAudit, type ServiceContext } from "./context";
import type {
  emergencyAccessPracticeSchema,
  requestEmergencyAccessSchema,
} from "@/server/contracts/emergency-access";
import type { incidentRefSchema } from "@/server/contracts/incidents";
import { listDowntimeLog } from "./incidents/downtime-log";

/**
 * Emergency ("break glass") access: an MSP admin, who does not work the downtime documentation log
 * day to day, reads one practice's log for EMERGENCY_ACCESS_MINUTES after writing why. The grant,
 * and every read made with it, is in the audit log; the practice's managers and the MSP's admins see
 * the list of grants. The database's row-level security enforces the same live grant.
 */

const shownColumns = {
  id: emergencyAccessGrants.id,
  practiceId: emergencyAccessGrants.practiceId,
  userId: emergencyAccessGrants.userId,
  userName: emergencyAccessGrants.userName,
  reason: emergencyAccessGrants.reason,
  incidentId: emergencyAccessGrants.incidentId,
  grantedAt: emergencyAccessGrants.grantedAt,
  expiresAt: emergencyAccessGrants.expiresAt,
};

function requireUser(ctx: ServiceContext): string {
  if (!ctx.actor.userId || ctx.actor.role !== "admin")
    throw new ForbiddenError("Only an MSP admin can use emergency access.");
  return ctx.actor.userId;
}

/** The caller's live grant for the practice at `now`, if any. */
export async function liveGrant(ctx: ServiceContext, practiceId: string, now = new Date()) {
  const userId = requireUser(ctx);
  const [grant] = await ctx.tx
    .select(shownColumns)
    .from(emergencyAccessGrants)
    .where(
      and(
        eq(emergencyAccessGrants.mspId, ctx.mspId),
        eq(emergencyAccessGrants.practiceId, practiceId),
        eq(emergencyAccessGrants.userId, userId),
        lte(emergencyAccessGrants.grantedAt, now),
        gt(emergencyAccessGrants.expiresAt, now),
      ),
    )
    .orderBy(desc(emergencyAccessGrants.expiresAt))
    .limit(1);
  return grant ?? null;
}

export async function requestEmergencyAccess(
  ctx: ServiceContext,
  input: z.infer<typeof requestEmergencyAccessSchema>,
  now = new Date(),
) {
  const userId = requireUser(ctx);
  const practice = await practiceInScope(ctx, input.practiceId);
  if (input.incidentId) {
    const [incident] = await ctx.tx
      .select({ id: incidents.id })
      .from(incidents)
      .where(
        and(
          eq(incidents.mspId, ctx.mspId),
          eq(incidents.practiceId, practice.id),
          eq(incidents.id, input.incidentId),
        ),
      );
    if (!incident) throw new NotFoundError("Incident");
  }
  const current = await liveGrant(ctx, practice.id, now);
  if (current)
    throw new InvalidError(
      `You already have emergency access to ${practice.name} until ${current.expiresAt.toISOString().slice(11, 16)} UTC.`,
    );
  const window = grantWindow(now);
  const [grant] = await ctx.tx
    .insert(emergencyAccessGrants)
    .values({
      mspId: ctx.mspId,
      practiceId: practice.id,
      userId,
      userName: ctx.actor.name,
      reason: input.reason,
      incidentId: input.incidentId ?? null,
      ...window,
    })
    .returning(shownColumns);
  await recordAudit(ctx, {
    action: "emergency_access.grant",
    entityType: "emergency_access_grant",
    entityId: grant!.id,
    practiceId: practice.id,
    summary: {
      reason: input.reason,
      expiresAt: window.expiresAt.toISOString(),
      incidentId: input.incidentId ?? null,
    },
  });
  return { ...grant!, secondsLeft: secondsLeft(grant!, now) };
}

/** For the incident room: the caller's live grant for this practice, with the seconds left. */
export async function myEmergencyAccess(
  ctx: ServiceContext,
  input: z.infer<typeof emergencyAccessPracticeSchema>,
  now = new Date(),
) {
  await practiceInScope(ctx, input.practiceId);
  const grant = await liveGrant(ctx, input.practiceId, now);
  return grant ? { ...grant, secondsLeft: secondsLeft(grant, now) } : null;
}

/** The downtime log read on a live grant; refused once the grant has run out. Each read is audited with the grant. */
export async function readDowntimeLogInEmergency(
  ctx: ServiceContext,
  ref: z.infer<typeof incidentRefSchema>,
  now = new Date(),
) {
  await practiceInScope(ctx, ref.practiceId);
  const grant = await liveGrant(ctx, ref.practiceId, now);
  if (!grant)
    throw new ForbiddenError(
      "Emergency access to this practice's downtime log has ended or was never given. Request it again with a reason.",
    );
  return listDowntimeLog(ctx, ref, { grantId: grant.id });
}

/** Who used emergency access at this practice, newest first: for its managers and the MSP's admins. */
export async function listEmergencyAccess(
  ctx: ServiceContext,
  input: z.infer<typeof emergencyAccessPracticeSchema>,
  now = new Date(),
) {
  await practiceInScope(ctx, input.practiceId);
  const rows = await ctx.tx
    .select(shownColumns)
    .from(emergencyAccessGrants)
    .where(
      and(
        eq(emergencyAccessGrants.mspId, ctx.mspId),
        eq(emergencyAccessGrants.practiceId, input.practiceId),
      ),
    )
    .orderBy(desc(emergencyAccessGrants.grantedAt))
    .limit(200);
  return rows.map((row) => ({
    ...row,
    live: row.grantedAt.getTime() <= now.getTime() && now.getTime() < row.expiresAt.getTime(),
  }));
}

/**
 * Role changes and invitations that gave someone routine access to this practice's patient data
 * (the downtime log) in the last PATIENT_DATA_CHANGES_SHOWN_DAYS days, newest first, with who made
 * them and when the access begins: shown beside the emergency-access grants to the practice's
 * managers and the MSP's admins. Listed while the person still has that access.
 */
export async function listPatientDataAccessChanges(
  ctx: ServiceContext,
  input: z.infer<typeof emergencyAccessPracticeSchema>,
  now = new Date(),
) {
  await practiceInScope(ctx, input.practiceId);
  const since = new Date(now.getTime() - PATIENT_DATA_CHANGES_SHOWN_DAYS * 24 * 60 * 60_000);
  const rows = await ctx.tx.execute<{
    id: string;
    action: string;
    actor_name: string;
    created_at: Date;
    user_name: string;
    role: Role;
    access_from: Date;
  }>(sql`
    select e.id, e.action, e.actor_name, e.created_at, u.name as user_name, u.role, u.patient_data_access_from as access_from
      from audit_events e
      join users u on u.msp_id = e.msp_id and u.id = e.entity_id
     where e.msp_id = ${ctx.mspId}
       and e.action in ('member.change_access', 'member.join')
       and e.summary->>'patientDataAccessFrom' is not null
       and e.created_at > ${since.toISOString()}::timestamptz
       and u.removed_at is null
       and (u.role = 'technician'
            or (u.role = 'practice_manager'
                and exists (select 1 from user_practice_access a where a.msp_id = u.msp_id and a.user_id = u.id and a.practice_id = ${input.practiceId})))
     order by e.created_at desc, e.id
     limit 100`);
  return rows.map((row) => {
    const accessFrom = new Date(row.access_from);
    return {
      id: row.id,
      userName: row.user_name,
      role: row.role,
      how: row.action === "member.join" ? ("invitation" as const) : ("role_change" as const),
      changedByName: row.actor_name,
      changedAt: new Date(row.created_at),
      accessFrom,
      pending: accessFrom.getTime() > now.getTime(),
    };
  });
}
