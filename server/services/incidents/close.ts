/**
 * Recovery and closing: the reconciliation checklist, what blocks the close, the close and the
 * post-incident review.
 */
import "server-only";
import { and, count, eq, sql } from "drizzle-orm";
import type { z } from "zod";
import { incidents, reconciliationItems } from "@/db/schema";
import { closeBlockers, closeDecision } from "@/server/domain/incident-closing";
import { isOpenStatus } from "@/server/domain/incident-status";
import { InvalidError, NotFoundError } from "@/server/errors";
import { recordAudit, type ServiceContext } from "@/server/services/context";
import {
  type checkItemSchema,
  type closeIncidentSchema,
  type postIncidentReviewSchema,
} from "@/server/contracts/incidents";
import { planInForce } from "@/server/services/plans/versions";
import { checklistLine, recoveryChecklist } from "@/server/domain/recovery-checklist";
import { notifyIncident } from "@/server/services/notifications/incident-events";
import { incidentMarkProgress } from "@/server/services/schedule/continuity";
import {
  type IncidentRow,
  lockIncident,
  assertVersion,
  refuseIfClosed,
  appendEvents,
  bumpVersion,
} from "@/server/services/incidents/core";

/** The recovery checklist (the plan's steps, or the standard ones): generated once, at the first resolve. */
export async function generateReconciliation(ctx: ServiceContext, incident: IncidentRow) {
  const [existing] = await ctx.tx
    .select({ n: count() })
    .from(reconciliationItems)
    .where(
      and(
        eq(reconciliationItems.mspId, ctx.mspId),
        eq(reconciliationItems.incidentId, incident.id),
      ),
    );
  if ((existing?.n ?? 0) > 0) return;
  const plan = (await planInForce(ctx, incident.practiceId)).content;
  const labels = recoveryChecklist(plan.reconciliation.steps);
  await ctx.tx.insert(reconciliationItems).values(
    labels.map((label, position) => ({
      mspId: ctx.mspId,
      practiceId: incident.practiceId,
      incidentId: incident.id,
      position,
      label,
    })),
  );
}

export async function checkReconciliationItem(
  ctx: ServiceContext,
  input: z.infer<typeof checkItemSchema>,
  now = new Date(),
) {
  const incident = await lockIncident(ctx, input);
  refuseIfClosed(incident);
  const [item] = await ctx.tx
    .update(reconciliationItems)
    .set(
      input.checked
        ? { checkedAt: now, checkedByUserId: ctx.actor.userId, checkedByName: ctx.actor.name }
        : { checkedAt: null, checkedByUserId: null, checkedByName: null },
    )
    .where(
      and(
        eq(reconciliationItems.mspId, ctx.mspId),
        eq(reconciliationItems.incidentId, incident.id),
        eq(reconciliationItems.id, input.itemId),
      ),
    )
    .returning({ label: reconciliationItems.label });
  if (!item) throw new NotFoundError("Checklist item");
  await appendEvents(
    ctx,
    incident,
    [{ kind: "checklist", body: checklistLine(item.label, input.checked) }],
    now,
  );
  await recordAudit(ctx, {
    action: "incident.checklist",
    entityType: "incident",
    entityId: incident.id,
    practiceId: incident.practiceId,
    summary: { item: item.label, checked: input.checked },
  });
}

/**
 * What still stands between the incident and its close. Reads who entered and verified each record,
 * and whether each of the front desk's marks on the continuity schedule was entered, never the
 * patient data.
 */
export async function closingBlockers(ctx: ServiceContext, incidentId: string) {
  // Outages merged into this one keep their paper records and schedule marks: they count here too.
  const merged = await ctx.tx
    .select({ id: incidents.id })
    .from(incidents)
    .where(and(eq(incidents.mspId, ctx.mspId), eq(incidents.duplicateOfIncidentId, incidentId)));
  const [items, progress, scheduleMarks] = await Promise.all([
    ctx.tx
      .select({ checkedAt: reconciliationItems.checkedAt })
      .from(reconciliationItems)
      .where(
        and(
          eq(reconciliationItems.mspId, ctx.mspId),
          eq(reconciliationItems.incidentId, incidentId),
        ),
      ),
    // Through a database function: an admin, who cannot read the patient data, still learns what blocks the close.
    Promise.all(
      [incidentId, ...merged.map((row) => row.id)].map((id) =>
        ctx.tx.execute<{
          entered_at: string | Date | null;
          entered_by_user_id: string | null;
          verified_at: string | Date | null;
          verified_by_user_id: string | null;
        }>(
          sql`select entered_at, entered_by_user_id, verified_at, verified_by_user_id
          from standby_downtime_log_progress(${id})`,
        ),
      ),
    ).then((lists) => lists.flatMap((rows) => [...rows])),
    Promise.all(
      [incidentId, ...merged.map((row) => row.id)].map((id) => incidentMarkProgress(ctx, id)),
    ).then((lists) => lists.flat()),
  ]);
  const asDate = (value: string | Date | null) => (value === null ? null : new Date(value));
  const log = progress.map((row) => ({
    enteredAt: asDate(row.entered_at),
    enteredBy: row.entered_by_user_id,
    verifiedAt: asDate(row.verified_at),
    verifiedBy: row.verified_by_user_id,
  }));
  return {
    blockers: closeBlockers({
      checklist: items.map((item) => ({ checked: item.checkedAt !== null })),
      log,
      scheduleMarks,
    }),
    log,
    scheduleMarks,
  };
}

export async function closeIncident(
  ctx: ServiceContext,
  input: z.infer<typeof closeIncidentSchema>,
  now = new Date(),
) {
  const incident = await lockIncident(ctx, input);
  assertVersion(incident, input.version);
  const { blockers } = await closingBlockers(ctx, incident.id);
  const decision = closeDecision({
    status: incident.status,
    role: ctx.actor.role ?? "leadership",
    blockers,
    overrideReason: input.overrideReason,
  });
  if (!decision.allowed)
    throw new InvalidError(
      decision.message,
      blockers.length > 0 && ctx.actor.role === "admin" ? "overrideReason" : undefined,
    );
  const version = await bumpVersion(
    ctx,
    incident,
    {
      status: "closed",
      closedAt: now,
      closedByName: ctx.actor.name,
      closeOverrideReason: decision.override ? input.overrideReason!.trim() : null,
    },
    now,
  );
  await appendEvents(
    ctx,
    incident,
    [
      {
        kind: "closed",
        body: decision.override
          ? `Closed by an admin with open items: ${input.overrideReason!.trim()}`
          : "Incident closed: recovery reconciled.",
        detail: { override: decision.override },
      },
    ],
    now,
  );
  await recordAudit(ctx, {
    action: decision.override ? "incident.close_override" : "incident.close",
    entityType: "incident",
    entityId: incident.id,
    practiceId: incident.practiceId,
    summary: decision.override ? { blockers, reason: input.overrideReason!.trim() } : {},
  });
  await notifyIncident(ctx, { ...incident, status: "closed" }, { kind: "incident.closed" });
  return { version };
}

export async function savePostIncidentReview(
  ctx: ServiceContext,
  input: z.infer<typeof postIncidentReviewSchema>,
  now = new Date(),
) {
  const incident = await lockIncident(ctx, input);
  assertVersion(incident, input.version);
  if (isOpenStatus(incident.status))
    throw new InvalidError("Resolve the incident before writing its post-incident review.");
  const version = await bumpVersion(
    ctx,
    incident,
    {
      reviewCause: input.cause,
      reviewWentWell: input.wentWell,
      reviewToChange: input.toChange,
      reviewedByName: ctx.actor.name,
      reviewedAt: now,
    },
    now,
  );
  await appendEvents(
    ctx,
    incident,
    [{ kind: "review", body: "Post-incident review saved.", detail: { cause: input.cause } }],
    now,
  );
  await recordAudit(ctx, {
    action: "incident.review",
    entityType: "incident",
    entityId: incident.id,
    practiceId: incident.practiceId,
    summary: { cause: input.cause },
  });
  return { version };
}
