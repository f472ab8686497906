/**
 * Planned maintenance windows: planned, changed, moved on time, run as an incident of kind planned.
 * Times are entered in the practice's local time (server/domain/maintenance.ts) and kept as moments.
 */
import "server-only";
import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { z } from "zod";
import {
  incidents,
  incidentSystems,
  maintenancePrepItems,
  maintenanceWindows,
  maintenanceWindowSystems,
  practices,
  practiceVendors,
  systemDependencies,
  systems,
  vendors,
} from "@/db/schema";
import type {
  cancelMaintenanceSchema,
  createMaintenanceSchema,
  endMaintenanceNowSchema,
  postponeMaintenanceSchema,
  startMaintenanceNowSchema,
  updateMaintenanceSchema,
  vendorNightSchema,
} from "@/server/contracts/maintenance";
import { stoppedBy } from "@/server/domain/dependency-graph";
import {
  localText,
  occurrencesOf,
  prepChecklist,
  prepDueAt,
  reminderDue,
  type Occurrence,
} from "@/server/domain/maintenance";
import { ConflictError, InvalidError, NotFoundError } from "@/server/errors";
import {
  practiceInScope,
  practiceVisible,
  recordAudit,
  type ServiceContext,
} from "@/server/services/context";
import { appendEvents } from "@/server/services/incidents/core";
import { generateReconciliation } from "@/server/services/incidents/close";
import { recordNotificationEvent } from "@/server/services/notifications/events";
import { planInForce } from "@/server/services/plans/versions";
import { notifyMaintenance, type PracticeClock } from "./notices";

export type WindowRow = typeof maintenanceWindows.$inferSelect;
export type MaintenanceRef = { practiceId: string; windowId: string };

async function loadWindow(ctx: ServiceContext, ref: MaintenanceRef, lock = false) {
  const query = ctx.tx
    .select()
    .from(maintenanceWindows)
    .where(
      and(
        eq(maintenanceWindows.mspId, ctx.mspId),
        eq(maintenanceWindows.practiceId, ref.practiceId),
        eq(maintenanceWindows.id, ref.windowId),
      ),
    );
  const [window] = lock ? await query.for("update") : await query;
  if (!window) throw new NotFoundError("Maintenance window");
  return window;
}

async function lockForChange(ctx: ServiceContext, ref: MaintenanceRef & { version: number }) {
  const practice = await practiceInScope(ctx, ref.practiceId, "change");
  const window = await loadWindow(ctx, ref, true);
  if (window.version !== ref.version)
    throw new ConflictError(
      "Someone else changed this maintenance window a moment ago. The page has their change now; check it and try again.",
    );
  return { practice, window };
}

function refuseUnless(window: WindowRow, statuses: WindowRow["status"][], what: string) {
  if (!statuses.includes(window.status))
    throw new InvalidError(
      window.status === "cancelled"
        ? `This window is cancelled: it can no longer ${what}.`
        : window.status === "completed"
          ? `This window is over: it can no longer ${what}.`
          : window.status === "in_progress"
            ? `This window is already in progress: it can no longer ${what}.`
            : `This window has not started yet: it cannot ${what}.`,
    );
}

/** The practice's systems the input names (all of them, or a 400). */
async function chosenSystems(ctx: ServiceContext, practiceId: string, systemIds: string[]) {
  const ids = [...new Set(systemIds)];
  if (ids.length === 0) return [];
  const rows = await ctx.tx
    .select({ id: systems.id, name: systems.name })
    .from(systems)
    .where(
      and(
        eq(systems.mspId, ctx.mspId),
        eq(systems.practiceId, practiceId),
        inArray(systems.id, ids),
      ),
    );
  if (rows.length !== ids.length)
    throw new InvalidError("Choose the systems from this practice's dependency map.", "systemIds");
  return rows;
}

async function insertWindow(
  ctx: ServiceContext,
  practiceId: string,
  fields: {
    title: string;
    reason: string;
    reminderMinutes: number[];
    groupId?: string | null;
    vendorId?: string | null;
    seriesId?: string | null;
  },
  occurrence: Occurrence,
  down: { id: string; name: string }[],
  prepLabels: string[],
  now: Date,
) {
  const [window] = await ctx.tx
    .insert(maintenanceWindows)
    .values({
      mspId: ctx.mspId,
      practiceId,
      groupId: fields.groupId ?? null,
      vendorId: fields.vendorId ?? null,
      seriesId: fields.seriesId ?? null,
      title: fields.title,
      reason: fields.reason,
      startsAt: occurrence.startsAt,
      endsAt: occurrence.endsAt,
      reminderMinutes: [...new Set(fields.reminderMinutes)].sort((a, b) => b - a),
      timesSetAt: now,
      createdByUserId: ctx.actor.userId,
      createdByName: ctx.actor.name,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  if (down.length)
    await ctx.tx.insert(maintenanceWindowSystems).values(
      down.map((system) => ({
        mspId: ctx.mspId,
        practiceId,
        windowId: window!.id,
        systemId: system.id,
        systemName: system.name,
      })),
    );
  const checklist = prepChecklist(prepLabels);
  await ctx.tx.insert(maintenancePrepItems).values(
    checklist.map((item, position) => ({
      mspId: ctx.mspId,
      practiceId,
      windowId: window!.id,
      position,
      label: item.label,
      dueMinutesBefore: item.dueMinutesBefore,
      dueAt: prepDueAt(occurrence.startsAt, item.dueMinutesBefore, now),
    })),
  );
  return window!;
}

async function prepLabelsOf(ctx: ServiceContext, practiceId: string) {
  const plan = (await planInForce(ctx, practiceId)).content;
  return plan.maintenancePrep.items.map((item) => item.text);
}

export async function createMaintenance(
  ctx: ServiceContext,
  input: z.infer<typeof createMaintenanceSchema>,
  now = new Date(),
) {
  const practice = await practiceInScope(ctx, input.practiceId, "change");
  const timing = occurrencesOf(
    input.startsLocal,
    input.endsLocal,
    practice.timezone,
    input.recurrence,
  );
  if (!timing.ok) throw new InvalidError(timing.message, timing.field);
  if (timing.occurrences[0]!.endsAt.getTime() <= now.getTime())
    throw new InvalidError("This window would already be over: choose a later end.", "endsLocal");
  const down = await chosenSystems(ctx, input.practiceId, input.systemIds);
  const labels = await prepLabelsOf(ctx, input.practiceId);
  const seriesId = timing.occurrences.length > 1 ? crypto.randomUUID() : null;
  const ids: string[] = [];
  for (const occurrence of timing.occurrences) {
    const window = await insertWindow(
      ctx,
      input.practiceId,
      { ...input, seriesId },
      occurrence,
      down,
      labels,
      now,
    );
    ids.push(window.id);
    await notifyMaintenance(ctx, window, practice, { kind: "scheduled" }, now);
  }
  await recordAudit(ctx, {
    action: "maintenance.create",
    entityType: "maintenance_window",
    entityId: ids[0],
    practiceId: input.practiceId,
    summary: {
      title: input.title,
      startsAt: timing.occurrences[0]!.startsAt.toISOString(),
      occurrences: ids.length,
      systems: down.length,
    },
  });
  return { ids };
}

/** An EHR vendor's maintenance night: one window per practice on that vendor, linked, at each practice's local time. */
export async function createVendorNight(
  ctx: ServiceContext,
  input: z.infer<typeof vendorNightSchema>,
  now = new Date(),
) {
  const [vendor] = await ctx.tx
    .select({ id: vendors.id, name: vendors.name })
    .from(vendors)
    .where(and(eq(vendors.mspId, ctx.mspId), eq(vendors.id, input.vendorId)));
  if (!vendor) throw new NotFoundError("Vendor");
  const linked = await ctx.tx
    .select({ id: practices.id, name: practices.name, timezone: practices.timezone })
    .from(practiceVendors)
    .innerJoin(
      practices,
      and(eq(practices.mspId, practiceVendors.mspId), eq(practices.id, practiceVendors.practiceId)),
    )
    .where(
      and(
        eq(practiceVendors.mspId, ctx.mspId),
        eq(practiceVendors.vendorId, input.vendorId),
        isNull(practices.archivedAt),
      ),
    )
    .orderBy(asc(practices.name));
  const inScope = linked.filter((practice) => practiceVisible(ctx, practice.id));
  if (inScope.length === 0)
    throw new InvalidError(
      `No practice uses ${vendor.name}: link it to a practice first.`,
      "vendorId",
    );
  // Every practice's times first: one that cannot take them (a skipped DST time) stops them all.
  const planned = inScope.map((practice) => {
    const timing = occurrencesOf(input.startsLocal, input.endsLocal, practice.timezone, null);
    if (!timing.ok) throw new InvalidError(`${practice.name}: ${timing.message}`, timing.field);
    if (timing.occurrences[0]!.endsAt.getTime() <= now.getTime())
      throw new InvalidError("This window would already be over: choose a later end.", "endsLocal");
    return { practice, occurrence: timing.occurrences[0]! };
  });
  const groupId = crypto.randomUUID();
  const ids: string[] = [];
  for (const { practice, occurrence } of planned) {
    const down = await ctx.tx
      .select({ id: systems.id, name: systems.name })
      .from(systems)
      .where(
        and(
          eq(systems.mspId, ctx.mspId),
          eq(systems.practiceId, practice.id),
          eq(systems.vendorId, input.vendorId),
        ),
      );
    const window = await insertWindow(
      ctx,
      practice.id,
      { ...input, groupId, vendorId: input.vendorId },
      occurrence,
      down,
      await prepLabelsOf(ctx, practice.id),
      now,
    );
    ids.push(window.id);
    await notifyMaintenance(ctx, window, practice, { kind: "scheduled" }, now);
    await recordAudit(ctx, {
      action: "maintenance.create",
      entityType: "maintenance_window",
      entityId: window.id,
      practiceId: practice.id,
      summary: { title: input.title, vendor: vendor.name, groupId },
    });
  }
  return { groupId, ids, practices: planned.length };
}

export async function updateMaintenance(
  ctx: ServiceContext,
  input: z.infer<typeof updateMaintenanceSchema>,
  now = new Date(),
) {
  const { window } = await lockForChange(ctx, input);
  refuseUnless(window, ["scheduled", "in_progress"], "change");
  const down = await chosenSystems(ctx, input.practiceId, input.systemIds);
  const [updated] = await ctx.tx
    .update(maintenanceWindows)
    .set({
      title: input.title,
      reason: input.reason,
      reminderMinutes: [...new Set(input.reminderMinutes)].sort((a, b) => b - a),
      version: sql`${maintenanceWindows.version} + 1`,
      updatedAt: now,
    })
    .where(and(eq(maintenanceWindows.mspId, ctx.mspId), eq(maintenanceWindows.id, window.id)))
    .returning({ version: maintenanceWindows.version });
  await ctx.tx
    .delete(maintenanceWindowSystems)
    .where(
      and(
        eq(maintenanceWindowSystems.mspId, ctx.mspId),
        eq(maintenanceWindowSystems.windowId, window.id),
      ),
    );
  if (down.length)
    await ctx.tx.insert(maintenanceWindowSystems).values(
      down.map((system) => ({
        mspId: ctx.mspId,
        practiceId: window.practiceId,
        windowId: window.id,
        systemId: system.id,
        systemName: system.name,
      })),
    );
  await recordAudit(ctx, {
    action: "maintenance.update",
    entityType: "maintenance_window",
    entityId: window.id,
    practiceId: window.practiceId,
    summary: { from: { title: window.title }, to: { title: input.title }, systems: down.length },
  });
  return { version: updated!.version };
}

/** New times for the prep items that are not done, and their overdue notice may go again. */
async function reschedulePrep(ctx: ServiceContext, window: WindowRow, now: Date) {
  await ctx.tx
    .update(maintenancePrepItems)
    .set({
      dueAt: sql`greatest(${window.startsAt.toISOString()}::timestamptz - make_interval(mins => ${maintenancePrepItems.dueMinutesBefore}), ${now.toISOString()}::timestamptz)`,
      overdueNotifiedAt: null,
    })
    .where(
      and(
        eq(maintenancePrepItems.mspId, ctx.mspId),
        eq(maintenancePrepItems.windowId, window.id),
        isNull(maintenancePrepItems.doneAt),
      ),
    );
}

export async function postponeMaintenance(
  ctx: ServiceContext,
  input: z.infer<typeof postponeMaintenanceSchema>,
  now = new Date(),
) {
  const { practice, window } = await lockForChange(ctx, input);
  refuseUnless(window, ["scheduled"], "be moved");
  const timing = occurrencesOf(input.startsLocal, input.endsLocal, practice.timezone, null);
  if (!timing.ok) throw new InvalidError(timing.message, timing.field);
  const { startsAt, endsAt } = timing.occurrences[0]!;
  if (startsAt.getTime() <= now.getTime())
    throw new InvalidError("Choose a new start in the future (or start it now).", "startsLocal");
  const [updated] = await ctx.tx
    .update(maintenanceWindows)
    .set({
      startsAt,
      endsAt,
      sequence: sql`${maintenanceWindows.sequence} + 1`,
      remindedMinutes: null,
      timesSetAt: now,
      version: sql`${maintenanceWindows.version} + 1`,
      updatedAt: now,
    })
    .where(and(eq(maintenanceWindows.mspId, ctx.mspId), eq(maintenanceWindows.id, window.id)))
    .returning();
  await reschedulePrep(ctx, updated!, now);
  await notifyMaintenance(
    ctx,
    updated!,
    practice,
    { kind: "postponed", previousStartsAt: window.startsAt },
    now,
  );
  await recordAudit(ctx, {
    action: "maintenance.postpone",
    entityType: "maintenance_window",
    entityId: window.id,
    practiceId: window.practiceId,
    summary: {
      from: { startsAt: window.startsAt.toISOString(), endsAt: window.endsAt.toISOString() },
      to: { startsAt: startsAt.toISOString(), endsAt: endsAt.toISOString() },
    },
  });
  return { version: updated!.version };
}

export async function cancelMaintenance(
  ctx: ServiceContext,
  input: z.infer<typeof cancelMaintenanceSchema>,
  now = new Date(),
) {
  const { practice, window } = await lockForChange(ctx, input);
  refuseUnless(window, ["scheduled"], "be cancelled");
  const [updated] = await ctx.tx
    .update(maintenanceWindows)
    .set({
      status: "cancelled",
      cancelledAt: now,
      cancelReason: input.reason,
      sequence: sql`${maintenanceWindows.sequence} + 1`,
      version: sql`${maintenanceWindows.version} + 1`,
      updatedAt: now,
    })
    .where(and(eq(maintenanceWindows.mspId, ctx.mspId), eq(maintenanceWindows.id, window.id)))
    .returning();
  await notifyMaintenance(ctx, updated!, practice, { kind: "cancelled" }, now);
  await recordAudit(ctx, {
    action: "maintenance.cancel",
    entityType: "maintenance_window",
    entityId: window.id,
    practiceId: window.practiceId,
    summary: { reason: input.reason },
  });
  return { version: updated!.version };
}

/**
 * The window begins: status in progress, an incident of kind planned opened with the window's
 * systems (same room, timeline, documentation log and close rules as an outage), staff told.
 * Called by the worker on time (role "system") and by "start now".
 */
async function beginWindow(
  ctx: ServiceContext,
  window: WindowRow,
  practice: PracticeClock & { id: string },
  now: Date,
  times: { startsAt?: Date; endsAt?: Date } = {},
) {
  const plan = (await planInForce(ctx, window.practiceId)).content;
  const down = await ctx.tx
    .select()
    .from(maintenanceWindowSystems)
    .where(
      and(
        eq(maintenanceWindowSystems.mspId, ctx.mspId),
        eq(maintenanceWindowSystems.windowId, window.id),
      ),
    );
  const [incident] = await ctx.tx
    .insert(incidents)
    .values({
      mspId: ctx.mspId,
      practiceId: window.practiceId,
      kind: "planned",
      title: `Planned maintenance: ${window.title}`,
      severity: "minor",
      patientCareInterrupted: false,
      startedAt: now,
      status: "identified",
      scope: window.groupId ? "vendor_wide" : "local",
      ownerName: plan.outageOwner.owner.name || ctx.actor.name,
      ownerPhone: plan.outageOwner.owner.phone,
      createdByUserId: ctx.actor.userId,
      createdByName: ctx.actor.name,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  const live = down.filter((system) => system.systemId);
  if (live.length)
    await ctx.tx.insert(incidentSystems).values(
      live.map((system) => ({
        mspId: ctx.mspId,
        practiceId: window.practiceId,
        incidentId: incident!.id,
        systemId: system.systemId,
        systemName: system.systemName,
      })),
    );
  const what = down.length ? down.map((system) => system.systemName).join(", ") : window.title;
  await appendEvents(
    ctx,
    incident!,
    [
      {
        kind: "declared",
        body: `Planned maintenance started at ${practice.name}: ${what} down until ${localText(times.endsAt ?? window.endsAt, practice.timezone).replace("T", " ")} (${practice.timezone}).`,
        detail: { planned: true, windowId: window.id },
      },
    ],
    now,
  );
  const [updated] = await ctx.tx
    .update(maintenanceWindows)
    .set({
      status: "in_progress",
      startedAt: now,
      incidentId: incident!.id,
      ...(times.startsAt ? { startsAt: times.startsAt, timesSetAt: now } : {}),
      ...(times.endsAt ? { endsAt: times.endsAt } : {}),
      ...(times.startsAt || times.endsAt
        ? { sequence: sql`${maintenanceWindows.sequence} + 1` }
        : {}),
      version: sql`${maintenanceWindows.version} + 1`,
      updatedAt: now,
    })
    .where(and(eq(maintenanceWindows.mspId, ctx.mspId), eq(maintenanceWindows.id, window.id)))
    .returning();
  await recordAudit(ctx, {
    action: "maintenance.start",
    entityType: "maintenance_window",
    entityId: window.id,
    practiceId: window.practiceId,
    summary: { incidentId: incident!.id, at: now.toISOString() },
  });
  await notifyMaintenance(ctx, updated!, practice, { kind: "started" }, now);
  return updated!;
}

/** The window ends: completed; its incident resolved (the reconciliation checklist generated). */
async function finishWindow(
  ctx: ServiceContext,
  window: WindowRow,
  practice: PracticeClock,
  now: Date,
) {
  if (window.incidentId) {
    const [incident] = await ctx.tx
      .select()
      .from(incidents)
      .where(and(eq(incidents.mspId, ctx.mspId), eq(incidents.id, window.incidentId)))
      .for("update");
    if (incident && incident.status !== "resolved" && incident.status !== "closed") {
      await ctx.tx
        .update(incidents)
        .set({
          status: "resolved",
          resolvedAt: now,
          version: sql`${incidents.version} + 1`,
          updatedAt: now,
        })
        .where(and(eq(incidents.mspId, ctx.mspId), eq(incidents.id, incident.id)));
      await generateReconciliation(ctx, incident);
      await appendEvents(
        ctx,
        incident,
        [
          {
            kind: "status",
            body: "Planned maintenance ended: reconcile the work done on paper, then close.",
            detail: { from: incident.status, to: "resolved" },
          },
        ],
        now,
      );
    }
  }
  const [updated] = await ctx.tx
    .update(maintenanceWindows)
    .set({
      status: "completed",
      endedAt: now,
      version: sql`${maintenanceWindows.version} + 1`,
      updatedAt: now,
    })
    .where(and(eq(maintenanceWindows.mspId, ctx.mspId), eq(maintenanceWindows.id, window.id)))
    .returning();
  await recordAudit(ctx, {
    action: "maintenance.end",
    entityType: "maintenance_window",
    entityId: window.id,
    practiceId: window.practiceId,
    summary: { at: now.toISOString() },
  });
  await notifyMaintenance(ctx, updated!, practice, { kind: "ended" }, now);
  return updated!;
}

export async function startMaintenanceNow(
  ctx: ServiceContext,
  input: z.infer<typeof startMaintenanceNowSchema>,
  now = new Date(),
) {
  const { practice, window } = await lockForChange(ctx, input);
  refuseUnless(window, ["scheduled"], "start now");
  const updated = await beginWindow(ctx, window, practice, now, {
    startsAt: now,
    endsAt: new Date(now.getTime() + input.minutes * 60_000),
  });
  return { version: updated.version, incidentId: updated.incidentId! };
}

export async function endMaintenanceNow(
  ctx: ServiceContext,
  input: z.infer<typeof endMaintenanceNowSchema>,
  now = new Date(),
) {
  const { practice, window } = await lockForChange(ctx, input);
  refuseUnless(window, ["in_progress"], "end");
  const updated = await finishWindow(ctx, { ...window, endsAt: now }, practice, now);
  if (now.getTime() < window.endsAt.getTime())
    await ctx.tx
      .update(maintenanceWindows)
      .set({ endsAt: now })
      .where(and(eq(maintenanceWindows.mspId, ctx.mspId), eq(maintenanceWindows.id, window.id)));
  return { version: updated.version };
}

/**
 * The worker's minute: windows due to start start, windows due to end end, the reminder due goes
 * out, prep items past their time are notified — each once, however many workers check at once
 * (rows are claimed FOR UPDATE SKIP LOCKED, and every notice has its own key).
 */
export async function runMaintenanceClock(ctx: ServiceContext, at: Date) {
  const due = await ctx.tx
    .select()
    .from(maintenanceWindows)
    .where(
      and(
        eq(maintenanceWindows.mspId, ctx.mspId),
        inArray(maintenanceWindows.status, ["scheduled", "in_progress"]),
        sql`${maintenanceWindows.startsAt} <= ${new Date(at.getTime() + 15 * 24 * 3_600_000).toISOString()}::timestamptz`,
      ),
    )
    .orderBy(asc(maintenanceWindows.startsAt), asc(maintenanceWindows.id))
    .for("update", { skipLocked: true });
  const clocks = new Map<string, PracticeClock & { id: string }>();
  const clockOf = async (practiceId: string) => {
    if (!clocks.has(practiceId)) {
      const [row] = await ctx.tx
        .select({ id: practices.id, name: practices.name, timezone: practices.timezone })
        .from(practices)
        .where(and(eq(practices.mspId, ctx.mspId), eq(practices.id, practiceId)));
      clocks.set(practiceId, row!);
    }
    return clocks.get(practiceId)!;
  };
  const counts = { started: 0, ended: 0, reminders: 0, overdue: 0 };
  for (let window of due) {
    const practice = await clockOf(window.practiceId);
    if (window.status === "scheduled" && window.startsAt.getTime() <= at.getTime()) {
      window = await beginWindow(ctx, window, practice, at);
      counts.started++;
    }
    if (window.status === "in_progress" && window.endsAt.getTime() <= at.getTime()) {
      await finishWindow(ctx, window, practice, at);
      counts.ended++;
      continue;
    }
    if (window.status !== "scheduled") continue;
    const minutes = reminderDue(window, at);
    if (minutes !== null) {
      await ctx.tx
        .update(maintenanceWindows)
        .set({ remindedMinutes: minutes })
        .where(and(eq(maintenanceWindows.mspId, ctx.mspId), eq(maintenanceWindows.id, window.id)));
      const { eventId } = await notifyMaintenance(
        ctx,
        window,
        practice,
        { kind: "reminder", minutes },
        at,
      );
      if (eventId) counts.reminders++;
    }
    const overdue = await ctx.tx
      .update(maintenancePrepItems)
      .set({ overdueNotifiedAt: at })
      .where(
        and(
          eq(maintenancePrepItems.mspId, ctx.mspId),
          eq(maintenancePrepItems.windowId, window.id),
          isNull(maintenancePrepItems.doneAt),
          isNull(maintenancePrepItems.overdueNotifiedAt),
          sql`${maintenancePrepItems.dueAt} <= ${at.toISOString()}::timestamptz`,
          sql`${maintenancePrepItems.dueAt} > ${window.timesSetAt.toISOString()}::timestamptz`,
        ),
      )
      .returning();
    for (const item of overdue) {
      const result = await recordNotificationEvent(ctx, {
        kind: "maintenance.prep_overdue",
        practiceId: window.practiceId,
        headline: `Maintenance prep overdue: ${item.label} (${window.title})${item.ownerName ? ` — ${item.ownerName}` : ""}`,
        status: "Overdue",
        linkPath: `/practices/${window.practiceId}/maintenance/${window.id}`,
        dedupeKey: `maintenance.prep_overdue:${item.id}:${item.dueAt.toISOString()}`,
      });
      if (result.eventId) counts.overdue++;
    }
  }
  return counts;
}

/**
 * For monitors: the live maintenance window at `at` (scheduled or in progress, between its start
 * and end) that takes `systemId` down, directly or through what the system depends on; null when
 * none. A monitor records "maintenance" and opens nothing while this returns a window.
 */
export async function maintenanceWindowCovering(
  ctx: Pick<ServiceContext, "tx">,
  practiceId: string,
  systemId: string,
  at: Date,
): Promise<string | null> {
  const rows = await ctx.tx.execute<{ id: string | null }>(
    sql`select standby_maintenance_covering(${practiceId}::uuid, ${systemId}::uuid, ${at.toISOString()}::timestamptz) as id`,
  );
  return [...rows][0]?.id ?? null;
}

/** The systems a window takes down and, from the map, everything that stops with them. */
export async function affectedSystems(ctx: ServiceContext, practiceId: string, down: string[]) {
  const [all, edges] = await Promise.all([
    ctx.tx
      .select({ id: systems.id, name: systems.name, criticality: systems.criticality })
      .from(systems)
      .where(and(eq(systems.mspId, ctx.mspId), eq(systems.practiceId, practiceId))),
    ctx.tx
      .select({ from: systemDependencies.systemId, to: systemDependencies.dependsOnId })
      .from(systemDependencies)
      .where(
        and(eq(systemDependencies.mspId, ctx.mspId), eq(systemDependencies.practiceId, practiceId)),
      ),
  ]);
  const stopped = stoppedBy({ systems: all, dependencies: edges, redundancies: [] }, down);
  return all
    .filter((system) => stopped.has(system.id) && !down.includes(system.id))
    .map((system) => system.name)
    .sort();
}
