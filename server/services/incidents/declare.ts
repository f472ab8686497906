/** Declaring an outage: what is down, who owns it, and the first timeline entry. */
import "server-only";
import { and, asc, count, desc, eq, inArray, notInArray, sql } from "drizzle-orm";
import type { z } from "zod";
import { incidents, incidentSystems, systems } from "@/db/schema";
import { ConflictError, InvalidError } from "@/server/errors";
import { openOutageMessage } from "@/server/domain/incident-duplicates";
import type { OpenOutage } from "@/server/contracts/incidents";
import { practiceInScope, recordAudit, type ServiceContext } from "@/server/services/context";
import type { declareIncidentSchema } from "@/server/contracts/incidents";
import { planInForce } from "@/server/services/plans/versions";
import { refuseFuture, appendEvents } from "@/server/services/incidents/core";
import { notifyIncident } from "@/server/services/notifications/incident-events";
import { markSuspectedDeclared } from "@/server/services/monitors/suspected";

/** The practice's open outages (unplanned, not resolved or closed), newest first. */
export async function openOutagesAt(ctx: ServiceContext, practiceId: string, now = new Date()) {
  const rows = await ctx.tx
    .select({
      id: incidents.id,
      practiceId: incidents.practiceId,
      title: incidents.title,
      status: incidents.status,
      startedAt: incidents.startedAt,
    })
    .from(incidents)
    .where(
      and(
        eq(incidents.mspId, ctx.mspId),
        eq(incidents.practiceId, practiceId),
        eq(incidents.kind, "unplanned"),
        notInArray(incidents.status, ["resolved", "closed"]),
      ),
    )
    .orderBy(desc(incidents.startedAt), asc(incidents.id));
  return rows.map((row) => ({
    ...row,
    ageMinutes: Math.max(0, Math.floor((now.getTime() - row.startedAt.getTime()) / 60_000)),
  }));
}

/** The open outages at a practice the caller sees: the declare form and the practice page offer to join them. */
export async function openOutagesAtPractice(
  ctx: ServiceContext,
  input: { practiceId: string },
  now = new Date(),
) {
  await practiceInScope(ctx, input.practiceId);
  return openOutagesAt(ctx, input.practiceId, now);
}

export async function declareIncident(
  ctx: ServiceContext,
  input: z.infer<typeof declareIncidentSchema>,
  now = new Date(),
) {
  const practice = await practiceInScope(ctx, input.practiceId, "change");
  refuseFuture(input.startedAt, now, "startedAt", "The start");
  // One declaration at a time per practice: two people declaring at once cannot both miss the other.
  await ctx.tx.execute(
    sql`select pg_advisory_xact_lock(hashtextextended(${`incident.declare:${input.practiceId}`}, 0))`,
  );
  const [open] = await openOutagesAt(ctx, input.practiceId, now);
  if (open && !input.confirmDuplicate) {
    const openOutage: OpenOutage = {
      id: open.id,
      practiceId: open.practiceId,
      title: open.title,
      startedAt: open.startedAt.toISOString(),
      ageMinutes: open.ageMinutes,
    };
    throw new ConflictError(openOutageMessage(practice.name, open, now), { openOutage });
  }
  const systemIds = [...new Set(input.systemIds)];
  if (systemIds.length === 0) {
    const [mapped] = await ctx.tx
      .select({ n: count() })
      .from(systems)
      .where(and(eq(systems.mspId, ctx.mspId), eq(systems.practiceId, input.practiceId)));
    if ((mapped?.n ?? 0) > 0) throw new InvalidError("Choose what is down.", "systemIds");
    if (!input.title)
      throw new InvalidError(
        "This practice has no dependency map yet: say in the title what is down.",
        "title",
      );
  }
  const down = await ctx.tx
    .select({ id: systems.id, name: systems.name })
    .from(systems)
    .where(
      and(
        eq(systems.mspId, ctx.mspId),
        eq(systems.practiceId, input.practiceId),
        inArray(systems.id, systemIds),
      ),
    );
  if (down.length !== systemIds.length)
    throw new InvalidError("Choose what is down from this practice's dependency map.", "systemIds");
  const plan = (await planInForce(ctx, input.practiceId)).content;
  const ownerName = input.ownerName || plan.outageOwner.owner.name || ctx.actor.name;
  const ownerPhone = input.ownerName ? "" : plan.outageOwner.owner.phone;
  const title = input.title || `${down.map((system) => system.name).join(", ")} down`;
  const what = down.length ? `${down.map((system) => system.name).join(", ")} down` : title;
  const [incident] = await ctx.tx
    .insert(incidents)
    .values({
      mspId: ctx.mspId,
      practiceId: input.practiceId,
      title,
      severity: input.severity,
      patientCareInterrupted: input.patientCareInterrupted,
      startedAt: input.startedAt,
      ownerName,
      ownerPhone,
      updateEveryMinutes: input.updateEveryMinutes,
      createdByUserId: ctx.actor.userId,
      createdByName: ctx.actor.name,
    })
    .returning();
  if (down.length)
    await ctx.tx.insert(incidentSystems).values(
      down.map((system) => ({
        mspId: ctx.mspId,
        practiceId: input.practiceId,
        incidentId: incident!.id,
        systemId: system.id,
        systemName: system.name,
      })),
    );
  await appendEvents(
    ctx,
    incident!,
    [
      {
        kind: "declared",
        body: `Outage declared at ${practice.name}: ${what}. Outage owner: ${ownerName}.`,
        detail: { severity: input.severity, patientCareInterrupted: input.patientCareInterrupted },
      },
    ],
    now,
  );
  await recordAudit(ctx, {
    action: "incident.declare",
    entityType: "incident",
    entityId: incident!.id,
    practiceId: input.practiceId,
    summary: {
      title,
      severity: input.severity,
      ...(input.suspectedOutageId ? { suspectedOutageId: input.suspectedOutageId } : {}),
      // Declared knowingly beside an open outage: which one it was told about.
      ...(open ? { alongsideOpenIncidentId: open.id } : {}),
    },
  });
  if (input.suspectedOutageId)
    await markSuspectedDeclared(
      ctx,
      {
        practiceId: input.practiceId,
        suspectedOutageId: input.suspectedOutageId,
        incidentId: incident!.id,
      },
      now,
    );
  await notifyIncident(ctx, incident!, { kind: "incident.declared" });
  return { id: incident!.id };
}
