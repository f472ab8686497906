import "server-only";
import { and, asc, count, desc, eq, gt, inArray, lte, sql, type SQL } from "drizzle-orm";
import type { z } from "zod";
import { drills, incidents, riskEvents, risks, riskSystems, systems } from "@/db/schema";
import { localDate } from "@/server/domain/local-date";
import { effectiveRiskStatus, statusChangeProblem } from "@/server/domain/risk-status";
import { type RiskStatus, type RiskStatusChange } from "@/server/contracts/risks";
import { ConflictError, InvalidError, NotFoundError } from "@/server/errors";
import { practiceInScope, recordAudit, type ServiceContext } from "./context";
import type {
  changeRiskStatusSchema,
  createRiskSchema,
  listRisksSchema,
  RiskFields,
  riskRefSchema,
  updateRiskSchema,
} from "@/server/contracts/risks";
import { dateTimeFormat } from "@/server/domain/intl-formats";

/** The status the register shows, in SQL: an acceptance past its expiry is open again. */
export function effectiveStatusSql(today: string): SQL<RiskStatus> {
  return sql<RiskStatus>`(case when ${risks.status} = 'accepted' and ${risks.acceptedUntil} < ${today}::date then 'open'::risk_status else ${risks.status} end)`;
}

// Tables named in full: inside a one-table select drizzle leaves column names unqualified.
const linkedSystems = sql<{ id: string; name: string }[]>`coalesce((
  select json_agg(json_build_object('id', s.id, 'name', s.name) order by s.name)
  from ${riskSystems} rs join ${systems} s on s.msp_id = rs.msp_id and s.id = rs.system_id
  where rs.msp_id = ${risks}.msp_id and rs.risk_id = ${risks}.id), '[]'::json)`;

async function assertSystemsInPractice(
  ctx: ServiceContext,
  practiceId: string,
  systemIds: string[],
) {
  if (systemIds.length === 0) return;
  const found = await ctx.tx
    .select({ id: systems.id })
    .from(systems)
    .where(
      and(
        eq(systems.mspId, ctx.mspId),
        eq(systems.practiceId, practiceId),
        inArray(systems.id, systemIds),
      ),
    );
  if (found.length !== new Set(systemIds).size)
    throw new InvalidError("Choose systems from this practice's dependency map.", "systemIds");
}

type Origin = {
  fromRestoreTestId?: string;
  fromDrillId?: string;
  fromDrillFinding?: string;
  fromIncidentId?: string;
};

/** Writes a new risk with its systems, its first history entry and its audit event. */
export async function insertRisk(
  ctx: ServiceContext,
  practiceId: string,
  fields: RiskFields,
  origin: Origin = {},
) {
  const systemIds = [...new Set(fields.systemIds)];
  await assertSystemsInPractice(ctx, practiceId, systemIds);
  const { systemIds: _ignored, ...columns } = fields;
  const [created] = await ctx.tx
    .insert(risks)
    .values({ mspId: ctx.mspId, practiceId, ...columns, ...origin })
    .returning({ id: risks.id, title: risks.title, severity: risks.severity });
  if (systemIds.length > 0) {
    await ctx.tx.insert(riskSystems).values(
      systemIds.map((systemId) => ({
        mspId: ctx.mspId,
        practiceId,
        riskId: created!.id,
        systemId,
      })),
    );
  }
  await ctx.tx.insert(riskEvents).values({
    mspId: ctx.mspId,
    practiceId,
    riskId: created!.id,
    kind: "created",
    toStatus: "open",
    detail: {
      title: fields.title,
      severity: fields.severity,
      ...(origin.fromRestoreTestId
        ? { from: "restore_test" }
        : origin.fromDrillId
          ? { from: "drill" }
          : origin.fromIncidentId
            ? { from: "incident" }
            : {}),
    },
    actorUserId: ctx.actor.userId,
    actorName: ctx.actor.name,
  });
  await recordAudit(ctx, {
    action: "risk.create",
    entityType: "risk",
    entityId: created!.id,
    practiceId,
    summary: { title: fields.title, severity: fields.severity, ...origin },
  });
  return created!;
}

export async function listRisks(
  ctx: ServiceContext,
  input: z.infer<typeof listRisksSchema>,
  now = new Date(),
) {
  const practice = await practiceInScope(ctx, input.practiceId);
  const today = localDate(now, practice.timezone);
  const status = effectiveStatusSql(today);
  const filter = {
    active: sql`${status} <> 'resolved'`,
    urgent: sql`${status} <> 'resolved' and ${risks.severity} = 'urgent'`,
    resolved: sql`${status} = 'resolved'`,
    all: undefined,
  }[input.filter];
  const where = and(eq(risks.mspId, ctx.mspId), eq(risks.practiceId, input.practiceId), filter);
  const [rows, [total], counts] = await Promise.all([
    ctx.tx
      .select({
        id: risks.id,
        title: risks.title,
        description: risks.description,
        severity: risks.severity,
        category: risks.category,
        owner: risks.owner,
        storedStatus: risks.status,
        scheduledFor: risks.scheduledFor,
        acceptedReason: risks.acceptedReason,
        acceptedUntil: risks.acceptedUntil,
        resolvedNote: risks.resolvedNote,
        fromRestoreTestId: risks.fromRestoreTestId,
        fromDrillId: risks.fromDrillId,
        fromIncidentId: risks.fromIncidentId,
        version: risks.version,
        createdAt: risks.createdAt,
        updatedAt: risks.updatedAt,
        systems: linkedSystems,
      })
      .from(risks)
      .where(where)
      .orderBy(
        sql`${status} = 'resolved'`,
        asc(risks.severity),
        desc(risks.createdAt),
        asc(risks.id),
      )
      .limit(input.pageSize)
      .offset((input.page - 1) * input.pageSize),
    ctx.tx.select({ value: count() }).from(risks).where(where),
    ctx.tx
      .select({
        active: sql<number>`count(*) filter (where ${status} <> 'resolved')::int`,
        urgent: sql<number>`count(*) filter (where ${status} <> 'resolved' and ${risks.severity} = 'urgent')::int`,
        resolved: sql<number>`count(*) filter (where ${status} = 'resolved')::int`,
        all: sql<number>`count(*)::int`,
      })
      .from(risks)
      .where(and(eq(risks.mspId, ctx.mspId), eq(risks.practiceId, input.practiceId))),
  ]);
  return {
    items: rows.map(({ storedStatus, ...row }) => ({
      ...row,
      ...effectiveRiskStatus({ status: storedStatus, acceptedUntil: row.acceptedUntil }, today),
    })),
    total: total?.value ?? 0,
    counts: counts[0]!,
    page: input.page,
    pageSize: input.pageSize,
    today,
  };
}

async function loadRisk(ctx: ServiceContext, practiceId: string, riskId: string) {
  const [risk] = await ctx.tx
    .select()
    .from(risks)
    .where(and(eq(risks.mspId, ctx.mspId), eq(risks.practiceId, practiceId), eq(risks.id, riskId)));
  if (!risk) throw new NotFoundError("Risk");
  return risk;
}

export async function getRisk(
  ctx: ServiceContext,
  input: z.infer<typeof riskRefSchema>,
  now = new Date(),
) {
  const practice = await practiceInScope(ctx, input.practiceId);
  const today = localDate(now, practice.timezone);
  const risk = await loadRisk(ctx, input.practiceId, input.riskId);
  const [linked, history] = await Promise.all([
    ctx.tx
      .select({ id: systems.id, name: systems.name })
      .from(riskSystems)
      .innerJoin(
        systems,
        and(eq(systems.mspId, riskSystems.mspId), eq(systems.id, riskSystems.systemId)),
      )
      .where(and(eq(riskSystems.mspId, ctx.mspId), eq(riskSystems.riskId, risk.id)))
      .orderBy(asc(systems.name)),
    ctx.tx
      .select({
        id: riskEvents.id,
        kind: riskEvents.kind,
        fromStatus: riskEvents.fromStatus,
        toStatus: riskEvents.toStatus,
        detail: riskEvents.detail,
        actorName: riskEvents.actorName,
        at: riskEvents.at,
      })
      .from(riskEvents)
      .where(and(eq(riskEvents.mspId, ctx.mspId), eq(riskEvents.riskId, risk.id)))
      .orderBy(desc(riskEvents.at), desc(riskEvents.id))
      .limit(200),
  ]);
  const { status: storedStatus, ...rest } = risk;
  return {
    ...rest,
    storedStatus,
    ...effectiveRiskStatus({ status: storedStatus, acceptedUntil: risk.acceptedUntil }, today),
    systems: linked,
    history,
    today,
  };
}

export async function createRisk(ctx: ServiceContext, input: z.infer<typeof createRiskSchema>) {
  await practiceInScope(ctx, input.practiceId, "change");
  const { practiceId, fromDrillId, fromDrillFinding, fromIncidentId, ...fields } = input;
  if (fromDrillFinding !== undefined && !fromDrillId)
    throw new InvalidError("Say which drill the finding comes from.", "fromDrillId");
  if (fromDrillId) {
    const [drill] = await ctx.tx
      .select({ heldAt: drills.heldAt, findings: drills.findings })
      .from(drills)
      .where(
        and(
          eq(drills.mspId, ctx.mspId),
          eq(drills.practiceId, practiceId),
          eq(drills.id, fromDrillId),
        ),
      );
    if (!drill) throw new NotFoundError("Drill");
    if (!drill.heldAt)
      throw new InvalidError("Record the drill as held before raising its findings as risks.");
    if (fromDrillFinding !== undefined) {
      if (!drill.findings.includes(fromDrillFinding))
        throw new InvalidError("That finding is not in the drill's record.", "fromDrillFinding");
      const [raised] = await ctx.tx
        .select({ id: risks.id })
        .from(risks)
        .where(
          and(
            eq(risks.mspId, ctx.mspId),
            eq(risks.fromDrillId, fromDrillId),
            eq(risks.fromDrillFinding, fromDrillFinding),
          ),
        );
      if (raised) throw new ConflictError("This finding is already in the risk register.");
    }
  }
  if (fromIncidentId) {
    const [incident] = await ctx.tx
      .select({ id: incidents.id })
      .from(incidents)
      .where(
        and(
          eq(incidents.mspId, ctx.mspId),
          eq(incidents.practiceId, practiceId),
          eq(incidents.id, fromIncidentId),
        ),
      );
    if (!incident) throw new NotFoundError("Incident");
  }
  const created = await insertRisk(ctx, practiceId, fields, {
    ...(fromDrillId ? { fromDrillId } : {}),
    ...(fromDrillId && fromDrillFinding !== undefined ? { fromDrillFinding } : {}),
    ...(fromIncidentId ? { fromIncidentId } : {}),
  });
  return { id: created.id };
}

function conflictMessage(risk: { updatedAt: Date }, timezone: string) {
  const when = dateTimeFormat("en-US", {
    timeZone: timezone,
    dateStyle: "medium",
    timeStyle: "short",
  }).format(risk.updatedAt);
  return `Someone changed this risk at ${when}, after you opened it. Reload to see their change, then make yours again.`;
}

export async function updateRisk(ctx: ServiceContext, input: z.infer<typeof updateRiskSchema>) {
  const practice = await practiceInScope(ctx, input.practiceId, "change");
  const { practiceId, riskId, version, systemIds: requested, ...fields } = input;
  const current = await loadRisk(ctx, practiceId, riskId);
  const systemIds = [...new Set(requested)];
  await assertSystemsInPractice(ctx, practiceId, systemIds);
  const [updated] = await ctx.tx
    .update(risks)
    .set({ ...fields, version: sql`${risks.version} + 1`, updatedAt: new Date() })
    .where(and(eq(risks.mspId, ctx.mspId), eq(risks.id, riskId), eq(risks.version, version)))
    .returning({ version: risks.version });
  if (!updated) throw new ConflictError(conflictMessage(current, practice.timezone));
  const linkedBefore = await ctx.tx
    .select({ systemId: riskSystems.systemId })
    .from(riskSystems)
    .where(and(eq(riskSystems.mspId, ctx.mspId), eq(riskSystems.riskId, riskId)));
  await ctx.tx
    .delete(riskSystems)
    .where(and(eq(riskSystems.mspId, ctx.mspId), eq(riskSystems.riskId, riskId)));
  if (systemIds.length > 0)
    await ctx.tx
      .insert(riskSystems)
      .values(systemIds.map((systemId) => ({ mspId: ctx.mspId, practiceId, riskId, systemId })));
  const systemsChanged =
    linkedBefore.length !== systemIds.length ||
    linkedBefore.some((row) => !systemIds.includes(row.systemId));
  const changed = [
    ...(Object.keys(fields) as (keyof typeof fields)[]).filter(
      (key) => fields[key] !== current[key],
    ),
    ...(systemsChanged ? ["systems"] : []),
  ];
  await ctx.tx.insert(riskEvents).values({
    mspId: ctx.mspId,
    practiceId,
    riskId,
    kind: "edited",
    fromStatus: current.status,
    toStatus: current.status,
    detail: {
      changed,
      ...(fields.severity !== current.severity
        ? { severity: fields.severity, previousSeverity: current.severity }
        : {}),
    },
    actorUserId: ctx.actor.userId,
    actorName: ctx.actor.name,
  });
  await recordAudit(ctx, {
    action: "risk.update",
    entityType: "risk",
    entityId: riskId,
    practiceId,
    summary: { changed },
  });
  return { version: updated.version };
}

function statusColumns(change: RiskStatusChange) {
  return {
    status: change.status,
    scheduledFor: change.status === "scheduled" ? change.scheduledFor : null,
    acceptedReason: change.status === "accepted" ? change.reason : null,
    acceptedUntil: change.status === "accepted" ? change.expiresOn : null,
    resolvedNote: change.status === "resolved" ? change.note : null,
  };
}

export async function changeRiskStatus(
  ctx: ServiceContext,
  input: z.infer<typeof changeRiskStatusSchema>,
  now = new Date(),
) {
  const practice = await practiceInScope(ctx, input.practiceId, "change");
  const today = localDate(now, practice.timezone);
  const current = await loadRisk(ctx, input.practiceId, input.riskId);
  const effective = effectiveRiskStatus(current, today).status;
  const problem = statusChangeProblem(effective, input.change, today);
  if (problem)
    throw new InvalidError(
      problem.message,
      problem.field === "status" ? undefined : `change.${problem.field}`,
    );
  const [updated] = await ctx.tx
    .update(risks)
    .set({
      ...statusColumns(input.change),
      resolvedAt: input.change.status === "resolved" ? now : null,
      version: sql`${risks.version} + 1`,
      updatedAt: now,
    })
    .where(
      and(eq(risks.mspId, ctx.mspId), eq(risks.id, input.riskId), eq(risks.version, input.version)),
    )
    .returning({ version: risks.version });
  if (!updated) throw new ConflictError(conflictMessage(current, practice.timezone));
  const { status: _status, ...detail } = input.change;
  await ctx.tx.insert(riskEvents).values({
    mspId: ctx.mspId,
    practiceId: input.practiceId,
    riskId: input.riskId,
    kind: "status",
    fromStatus: effective,
    toStatus: input.change.status,
    detail,
    actorUserId: ctx.actor.userId,
    actorName: ctx.actor.name,
    at: now,
  });
  await recordAudit(ctx, {
    action: "risk.status",
    entityType: "risk",
    entityId: input.riskId,
    practiceId: input.practiceId,
    summary: { from: effective, to: input.change.status },
  });
  return { version: updated.version, status: input.change.status };
}

/** Risks opened, changed and closed between two moments (a review and the one before it). */
export async function riskChangesBetween(
  ctx: ServiceContext,
  practiceId: string,
  from: Date | null,
  to: Date,
) {
  const rows = await ctx.tx
    .select({
      riskId: riskEvents.riskId,
      title: risks.title,
      severity: risks.severity,
      kind: riskEvents.kind,
      fromStatus: riskEvents.fromStatus,
      toStatus: riskEvents.toStatus,
      actorName: riskEvents.actorName,
      at: riskEvents.at,
    })
    .from(riskEvents)
    .innerJoin(risks, and(eq(risks.mspId, riskEvents.mspId), eq(risks.id, riskEvents.riskId)))
    .where(
      and(
        eq(riskEvents.mspId, ctx.mspId),
        eq(riskEvents.practiceId, practiceId),
        from ? gt(riskEvents.at, from) : undefined,
        lte(riskEvents.at, to),
      ),
    )
    .orderBy(asc(riskEvents.at), asc(riskEvents.id))
    .limit(1000);
  const opened = rows.filter((row) => row.kind === "created");
  const closed = rows.filter((row) => row.kind === "status" && row.toStatus === "resolved");
  const openedIds = new Set(opened.map((row) => row.riskId));
  const closedIds = new Set(closed.map((row) => row.riskId));
  const changed = rows.filter(
    (row) =>
      row.kind !== "created" &&
      !(row.kind === "status" && row.toStatus === "resolved") &&
      !openedIds.has(row.riskId) &&
      !closedIds.has(row.riskId),
  );
  const latest = <T extends { riskId: string }>(list: T[]) => [
    ...new Map(list.map((row) => [row.riskId, row])).values(),
  ];
  return { opened, changed: latest(changed), closed: latest(closed) };
}
