/** Reading maintenance windows (a practice's list, one window with its prep list) and ticking prep items. */
import "server-only";
import { and, asc, desc, eq, gte, inArray, isNull, or, sql } from "drizzle-orm";
import type { z } from "zod";
import {
  incidents,
  maintenancePrepItems,
  maintenanceWindows,
  maintenanceWindowSystems,
  practices,
} from "@/db/schema";
import type { prepItemDoneSchema, prepItemOwnerSchema } from "@/server/contracts/maintenance";
import { localText } from "@/server/domain/maintenance";
import { NotFoundError } from "@/server/errors";
import { practiceInScope, recordAudit, type ServiceContext } from "@/server/services/context";
import { affectedSystems, type MaintenanceRef } from "./windows";

async function prepProgress(ctx: ServiceContext, windowIds: string[]) {
  if (windowIds.length === 0) return new Map<string, { done: number; total: number }>();
  const rows = await ctx.tx
    .select({
      windowId: maintenancePrepItems.windowId,
      total: sql<number>`count(*)::int`,
      done: sql<number>`count(${maintenancePrepItems.doneAt})::int`,
    })
    .from(maintenancePrepItems)
    .where(
      and(
        eq(maintenancePrepItems.mspId, ctx.mspId),
        inArray(maintenancePrepItems.windowId, windowIds),
      ),
    )
    .groupBy(maintenancePrepItems.windowId);
  return new Map(rows.map((row) => [row.windowId, { done: row.done, total: row.total }]));
}

export async function listMaintenance(ctx: ServiceContext, practiceId: string) {
  const practice = await practiceInScope(ctx, practiceId);
  const rows = await ctx.tx
    .select()
    .from(maintenanceWindows)
    .where(
      and(eq(maintenanceWindows.mspId, ctx.mspId), eq(maintenanceWindows.practiceId, practiceId)),
    )
    .orderBy(desc(maintenanceWindows.startsAt), asc(maintenanceWindows.id))
    .limit(200);
  const progress = await prepProgress(
    ctx,
    rows.map((row) => row.id),
  );
  return {
    timezone: practice.timezone,
    windows: rows.map((row) => ({
      id: row.id,
      title: row.title,
      status: row.status,
      startsAt: row.startsAt,
      endsAt: row.endsAt,
      vendorWide: row.groupId !== null,
      recurring: row.seriesId !== null,
      incidentId: row.incidentId,
      prep: progress.get(row.id) ?? { done: 0, total: 0 },
    })),
  };
}

export async function getMaintenance(ctx: ServiceContext, ref: MaintenanceRef) {
  const practice = await practiceInScope(ctx, ref.practiceId);
  const [window] = await ctx.tx
    .select()
    .from(maintenanceWindows)
    .where(
      and(
        eq(maintenanceWindows.mspId, ctx.mspId),
        eq(maintenanceWindows.practiceId, ref.practiceId),
        eq(maintenanceWindows.id, ref.windowId),
      ),
    );
  if (!window) throw new NotFoundError("Maintenance window");
  const [down, prep, incident, linked] = await Promise.all([
    ctx.tx
      .select({
        systemId: maintenanceWindowSystems.systemId,
        name: maintenanceWindowSystems.systemName,
      })
      .from(maintenanceWindowSystems)
      .where(
        and(
          eq(maintenanceWindowSystems.mspId, ctx.mspId),
          eq(maintenanceWindowSystems.windowId, window.id),
        ),
      )
      .orderBy(asc(maintenanceWindowSystems.systemName)),
    ctx.tx
      .select()
      .from(maintenancePrepItems)
      .where(
        and(
          eq(maintenancePrepItems.mspId, ctx.mspId),
          eq(maintenancePrepItems.windowId, window.id),
        ),
      )
      .orderBy(asc(maintenancePrepItems.position)),
    window.incidentId
      ? ctx.tx
          .select({ id: incidents.id, status: incidents.status })
          .from(incidents)
          .where(and(eq(incidents.mspId, ctx.mspId), eq(incidents.id, window.incidentId)))
          .then((rows) => rows[0] ?? null)
      : Promise.resolve(null),
    window.groupId
      ? ctx.tx
          .select({ n: sql<number>`count(*)::int` })
          .from(maintenanceWindows)
          .where(
            and(
              eq(maintenanceWindows.mspId, ctx.mspId),
              eq(maintenanceWindows.groupId, window.groupId),
            ),
          )
          .then((rows) => rows[0]?.n ?? 1)
      : Promise.resolve(1),
  ]);
  const downIds = down.flatMap((system) => (system.systemId ? [system.systemId] : []));
  return {
    id: window.id,
    practiceId: window.practiceId,
    practiceName: practice.name,
    timezone: practice.timezone,
    archived: Boolean(practice.archivedAt),
    title: window.title,
    reason: window.reason,
    status: window.status,
    startsAt: window.startsAt,
    endsAt: window.endsAt,
    startsLocal: localText(window.startsAt, practice.timezone),
    endsLocal: localText(window.endsAt, practice.timezone),
    reminderMinutes: window.reminderMinutes,
    sequence: window.sequence,
    version: window.version,
    cancelReason: window.cancelReason,
    startedAt: window.startedAt,
    endedAt: window.endedAt,
    vendorWide: window.groupId !== null,
    linkedPractices: linked,
    recurring: window.seriesId !== null,
    createdByName: window.createdByName,
    systems: down.map((system) => ({ id: system.systemId, name: system.name })),
    alsoStops: await affectedSystems(ctx, window.practiceId, downIds),
    incident,
    prep: prep.map((item) => ({
      id: item.id,
      label: item.label,
      dueMinutesBefore: item.dueMinutesBefore,
      dueAt: item.dueAt,
      ownerName: item.ownerName,
      doneAt: item.doneAt,
      doneByName: item.doneByName,
    })),
  };
}

async function prepItemOf(
  ctx: ServiceContext,
  input: { practiceId: string; windowId: string; prepItemId: string },
) {
  await practiceInScope(ctx, input.practiceId, "change");
  const [row] = await ctx.tx
    .select({ item: maintenancePrepItems, status: maintenanceWindows.status })
    .from(maintenancePrepItems)
    .innerJoin(
      maintenanceWindows,
      and(
        eq(maintenanceWindows.mspId, maintenancePrepItems.mspId),
        eq(maintenanceWindows.id, maintenancePrepItems.windowId),
      ),
    )
    .where(
      and(
        eq(maintenancePrepItems.mspId, ctx.mspId),
        eq(maintenancePrepItems.practiceId, input.practiceId),
        eq(maintenancePrepItems.windowId, input.windowId),
        eq(maintenancePrepItems.id, input.prepItemId),
      ),
    )
    .for("update", { of: maintenancePrepItems });
  if (!row) throw new NotFoundError("Prep item");
  return row.item;
}

export async function setPrepItemDone(
  ctx: ServiceContext,
  input: z.infer<typeof prepItemDoneSchema>,
  now = new Date(),
) {
  const item = await prepItemOf(ctx, input);
  await ctx.tx
    .update(maintenancePrepItems)
    .set(
      input.done
        ? { doneAt: item.doneAt ?? now, doneByUserId: ctx.actor.userId, doneByName: ctx.actor.name }
        : { doneAt: null, doneByUserId: null, doneByName: null },
    )
    .where(and(eq(maintenancePrepItems.mspId, ctx.mspId), eq(maintenancePrepItems.id, item.id)));
  await recordAudit(ctx, {
    action: input.done ? "maintenance.prep_done" : "maintenance.prep_undone",
    entityType: "maintenance_window",
    entityId: input.windowId,
    practiceId: input.practiceId,
    summary: { item: item.label },
  });
  return { done: input.done };
}

export async function setPrepItemOwner(
  ctx: ServiceContext,
  input: z.infer<typeof prepItemOwnerSchema>,
) {
  const item = await prepItemOf(ctx, input);
  await ctx.tx
    .update(maintenancePrepItems)
    .set({ ownerName: input.ownerName })
    .where(and(eq(maintenancePrepItems.mspId, ctx.mspId), eq(maintenancePrepItems.id, item.id)));
  await recordAudit(ctx, {
    action: "maintenance.prep_owner",
    entityType: "maintenance_window",
    entityId: input.windowId,
    practiceId: input.practiceId,
    summary: { item: item.label, from: item.ownerName, to: input.ownerName },
  });
  return { ownerName: input.ownerName };
}

/**
 * Windows in progress or starting within `hours` at the practices in scope (the portfolio's
 * "maintenance tonight", a practice's overview), soonest first.
 */
export async function upcomingMaintenance(
  ctx: ServiceContext,
  now = new Date(),
  options: { practiceId?: string; hours?: number } = {},
) {
  const until = new Date(now.getTime() + (options.hours ?? 24) * 3_600_000);
  const rows = await ctx.tx
    .select({
      id: maintenanceWindows.id,
      practiceId: maintenanceWindows.practiceId,
      practiceName: practices.name,
      timezone: practices.timezone,
      title: maintenanceWindows.title,
      status: maintenanceWindows.status,
      startsAt: maintenanceWindows.startsAt,
      endsAt: maintenanceWindows.endsAt,
    })
    .from(maintenanceWindows)
    .innerJoin(
      practices,
      and(
        eq(practices.mspId, maintenanceWindows.mspId),
        eq(practices.id, maintenanceWindows.practiceId),
      ),
    )
    .where(
      and(
        eq(maintenanceWindows.mspId, ctx.mspId),
        isNull(practices.archivedAt),
        options.practiceId ? eq(maintenanceWindows.practiceId, options.practiceId) : undefined,
        or(
          eq(maintenanceWindows.status, "in_progress"),
          and(
            eq(maintenanceWindows.status, "scheduled"),
            sql`${maintenanceWindows.startsAt} <= ${until.toISOString()}::timestamptz`,
          ),
        ),
        gte(maintenanceWindows.endsAt, sql`${now.toISOString()}::timestamptz - interval '1 hour'`),
      ),
    )
    .orderBy(asc(maintenanceWindows.startsAt), asc(maintenanceWindows.id))
    .limit(100);
  const progress = await prepProgress(
    ctx,
    rows.map((row) => row.id),
  );
  return rows.map((row) => ({ ...row, prep: progress.get(row.id) ?? { done: 0, total: 0 } }));
}
