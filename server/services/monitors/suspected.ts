/**
 * Suspected outages: what the monitors saw before anyone declared it. Opened, cleared and absorbed
 * by the worker (reconcilePractice, from onMonitorTransition, in the check's transaction); declared
 * or dismissed by a person.
 */
import "server-only";
import { and, asc, desc, eq, gte, inArray, isNotNull, isNull, ne, sql } from "drizzle-orm";
import type { z } from "zod";
import {
  incidents,
  incidentSystems,
  monitors,
  practices,
  suspectedOutages,
  systems,
  vendors,
} from "@/db/schema";
import { analyseCauses, vendorWideOutbreak } from "@/server/domain/monitor-causes";
import { InvalidError, NotFoundError } from "@/server/errors";
import {
  practiceInScope,
  practiceVisible,
  recordAudit,
  type ServiceContext,
} from "@/server/services/context";
import { loadGraph } from "@/server/services/dependencies";
import { maintenanceWindowCovering } from "@/server/services/maintenance/windows";
import { declareIncident } from "@/server/services/incidents/declare";
import { linkIncidents } from "@/server/services/incidents/link";
import { recordNotificationEvent } from "@/server/services/notifications/events";
import type {
  declareVendorWideSchema,
  dismissSuspectedSchema,
  dismissVendorWideSchema,
  incidentMonitorsSchema,
  suspectedOutageRefSchema,
} from "@/server/contracts/suspected-outages";

export const VENDOR_WIDE_WINDOW_MINUTES = 10;

type Row = typeof suspectedOutages.$inferSelect;

const lockKey = (kind: string, id: string) => sql`hashtextextended(${`${kind}:${id}`}, 0)`;

/**
 * The lock under which a practice's monitors change state and are reasoned about together. Taken
 * before any monitor row of the practice is locked (recording a check, pausing, editing), so that a
 * transaction marking another monitor "unreachable" never waits on one that waits on it.
 */
export async function lockPracticeMonitors(tx: ServiceContext["tx"], practiceId: string) {
  await tx.execute(sql`select pg_advisory_xact_lock(${lockKey("practice", practiceId)})`);
}

/**
 * Brings a practice's suspected outages in line with its monitors, under a lock per practice so
 * that checks of one practice finishing together are reasoned about one after the other:
 * a cause with a down monitor has one open suspected outage (opened and sent once); monitors that
 * fail because of another system are marked unreachable (and open nothing); an open suspected
 * outage whose cause is back clears itself (a blip, kept), and one now explained by another
 * system is absorbed. Recovery is never suppressed: clearing is sent as well.
 */
export async function reconcilePractice(
  ctx: ServiceContext,
  practiceId: string,
  now: Date,
  /** The monitor whose check (or pause, resume) led here, if any. */
  checkedMonitorId: string | null = null,
) {
  await lockPracticeMonitors(ctx.tx, practiceId);
  const [{ graph, systems: systemRows }, monitorRows, openRows] = await Promise.all([
    loadGraph(ctx, practiceId),
    ctx.tx
      .select({
        id: monitors.id,
        systemId: monitors.systemId,
        status: monitors.status,
        consecutiveFailures: monitors.consecutiveFailures,
        unreachableSystemId: monitors.unreachableSystemId,
        unreachableBecause: monitors.unreachableBecause,
      })
      .from(monitors)
      .where(and(eq(monitors.mspId, ctx.mspId), eq(monitors.practiceId, practiceId))),
    ctx.tx
      .select()
      .from(suspectedOutages)
      .where(
        and(
          eq(suspectedOutages.mspId, ctx.mspId),
          eq(suspectedOutages.practiceId, practiceId),
          inArray(suspectedOutages.status, ["open", "declared"]),
        ),
      ),
  ]);
  // A monitor marked unreachable stays so until its own next check: when its cause comes back in
  // the same tick as it does, it must not open a suspected outage of its own in between.
  const held = (monitor: (typeof monitorRows)[number]) =>
    monitor.unreachableSystemId !== null && monitor.id !== checkedMonitorId;
  const analysis = analyseCauses(
    graph,
    monitorRows.map((monitor) => ({
      id: monitor.id,
      systemId: monitor.systemId,
      state:
        monitor.status === "down"
          ? held(monitor)
            ? "failing"
            : "down"
          : monitor.status === "pending" && monitor.consecutiveFailures > 0
            ? "failing"
            : "ok",
    })),
  );
  const nameOf = new Map(systemRows.map((system) => [system.id, system.name]));
  const vendorOf = new Map(systemRows.map((system) => [system.id, system.vendorId]));

  // Unreachable marks: set on monitors explained by another system, cleared on all others.
  for (const monitor of monitorRows) {
    const blamed = analysis.unreachable.get(monitor.id);
    if (!blamed && monitor.status === "down" && held(monitor)) continue;
    const because = blamed
      ? `Unreachable: ${blamed.map((id) => nameOf.get(id) ?? "another system").join(" and ")} ${blamed.length > 1 ? "are" : "is"} down`
      : null;
    const systemId = blamed?.[0] ?? null;
    if (because === monitor.unreachableBecause && systemId === monitor.unreachableSystemId)
      continue;
    await ctx.tx
      .update(monitors)
      .set({ unreachableBecause: because, unreachableSystemId: systemId })
      .where(and(eq(monitors.mspId, ctx.mspId), eq(monitors.id, monitor.id)));
  }

  const causes = new Map(analysis.causes.map((cause) => [cause.systemId, cause]));
  const failing = new Set(
    monitorRows
      .filter(
        (monitor) =>
          monitor.status === "down" ||
          (monitor.status === "pending" && monitor.consecutiveFailures > 0),
      )
      .map((monitor) => monitor.systemId),
  );
  const explainedSystems = new Set(
    monitorRows
      .filter((monitor) => analysis.unreachable.has(monitor.id))
      .map((monitor) => monitor.systemId),
  );
  // Open ones whose cause is no longer down: cleared (back up) or absorbed (explained by another).
  for (const row of openRows) {
    if (!row.systemId || causes.has(row.systemId)) continue;
    if (row.status === "declared") {
      if (!failing.has(row.systemId) && !row.recoveredAt)
        await ctx.tx
          .update(suspectedOutages)
          .set({ recoveredAt: now })
          .where(and(eq(suspectedOutages.mspId, ctx.mspId), eq(suspectedOutages.id, row.id)));
      continue;
    }
    const back = !failing.has(row.systemId);
    if (!back && !explainedSystems.has(row.systemId)) continue;
    const status = back ? "cleared" : "absorbed";
    await ctx.tx
      .update(suspectedOutages)
      .set({ status, endedAt: now, recoveredAt: back ? now : null, endedByName: "Standby" })
      .where(and(eq(suspectedOutages.mspId, ctx.mspId), eq(suspectedOutages.id, row.id)));
    await recordAudit(ctx, {
      action: back ? "suspected_outage.cleared" : "suspected_outage.absorbed",
      entityType: "suspected_outage",
      entityId: row.id,
      practiceId,
      summary: { system: row.systemName, openedAt: row.openedAt.toISOString() },
    });
    const seenUp = monitorRows.some(
      (monitor) =>
        monitor.systemId === row.systemId &&
        (monitor.status === "up" || monitor.status === "degraded"),
    );
    if (back && seenUp)
      await recordNotificationEvent(ctx, {
        kind: "outage.suspected_cleared",
        practiceId,
        headline: `Back up before anyone declared it: ${row.systemName}`,
        status: "Cleared by itself",
        linkPath: `/practices/${practiceId}`,
        dedupeKey: `outage.suspected_cleared:${row.id}`,
      });
  }

  // New causes: one open suspected outage each, sent once.
  const openSystems = new Set(openRows.map((row) => row.systemId));
  for (const cause of analysis.causes) {
    if (openSystems.has(cause.systemId)) continue;
    // Down during its planned maintenance window: expected, nothing to suspect (until it ends).
    if (await maintenanceWindowCovering(ctx, practiceId, cause.systemId, now)) continue;
    const systemName = nameOf.get(cause.systemId) ?? "A system";
    const vendorId = vendorOf.get(cause.systemId) ?? null;
    const [opened] = await ctx.tx
      .insert(suspectedOutages)
      .values({
        mspId: ctx.mspId,
        practiceId,
        scope: "local",
        effect: cause.effect,
        systemId: cause.systemId,
        systemName,
        vendorId,
        monitorId: cause.monitorIds[0] ?? null,
        openedAt: now,
      })
      .onConflictDoNothing()
      .returning();
    if (!opened) continue;
    await recordAudit(ctx, {
      action: "suspected_outage.opened",
      entityType: "suspected_outage",
      entityId: opened.id,
      practiceId,
      summary: { system: systemName, effect: cause.effect },
    });
    await recordNotificationEvent(ctx, {
      kind: "outage.suspected",
      practiceId,
      headline:
        cause.effect === "degraded"
          ? `Suspected outage (redundancy lost): ${systemName} is down`
          : `Suspected outage: ${systemName} is down`,
      status: "Suspected — not declared yet",
      linkPath: `/practices/${practiceId}`,
      dedupeKey: `outage.suspected:${opened.id}`,
    });
    if (vendorId) await proposeVendorWide(ctx, vendorId, now);
  }
  return analysis;
}

/**
 * Causes on one vendor's systems at two or more practices opened within ten minutes: one
 * vendor-wide suspected outage for the MSP (one open per vendor), linking the local ones.
 */
async function proposeVendorWide(ctx: ServiceContext, vendorId: string, now: Date) {
  await ctx.tx.execute(sql`select pg_advisory_xact_lock(${lockKey("vendor", vendorId)})`);
  const since = new Date(now.getTime() - VENDOR_WIDE_WINDOW_MINUTES * 60_000);
  const recent = await ctx.tx
    .select()
    .from(suspectedOutages)
    .where(
      and(
        eq(suspectedOutages.mspId, ctx.mspId),
        eq(suspectedOutages.scope, "local"),
        eq(suspectedOutages.vendorId, vendorId),
        inArray(suspectedOutages.status, ["open", "declared"]),
        gte(suspectedOutages.openedAt, since),
      ),
    );
  const practiceIds = vendorWideOutbreak(
    recent.map((row) => ({ practiceId: row.practiceId!, vendorId, openedAt: row.openedAt })),
    vendorId,
    now,
  );
  if (practiceIds.length === 0) return;
  const [existing] = await ctx.tx
    .select()
    .from(suspectedOutages)
    .where(
      and(
        eq(suspectedOutages.mspId, ctx.mspId),
        eq(suspectedOutages.scope, "vendor_wide"),
        eq(suspectedOutages.vendorId, vendorId),
        eq(suspectedOutages.status, "open"),
      ),
    );
  let vendorWide = existing;
  if (!vendorWide) {
    const [vendor] = await ctx.tx
      .select({ name: vendors.name })
      .from(vendors)
      .where(and(eq(vendors.mspId, ctx.mspId), eq(vendors.id, vendorId)));
    [vendorWide] = await ctx.tx
      .insert(suspectedOutages)
      .values({
        mspId: ctx.mspId,
        practiceId: null,
        scope: "vendor_wide",
        systemName: vendor?.name ?? "One vendor",
        vendorId,
        openedAt: now,
      })
      .returning();
    await recordAudit(ctx, {
      action: "suspected_outage.vendor_wide_proposed",
      entityType: "suspected_outage",
      entityId: vendorWide!.id,
      summary: { vendor: vendorWide!.systemName, practices: practiceIds.length },
    });
    await recordNotificationEvent(ctx, {
      kind: "outage.suspected",
      practiceId: null,
      headline: `Suspected vendor-wide outage: ${vendorWide!.systemName} at ${practiceIds.length} practices`,
      status: "Suspected — not declared yet",
      linkPath: "/portfolio",
      dedupeKey: `outage.suspected:${vendorWide!.id}`,
    });
  }
  await ctx.tx
    .update(suspectedOutages)
    .set({ vendorWideId: vendorWide!.id })
    .where(
      and(
        eq(suspectedOutages.mspId, ctx.mspId),
        inArray(
          suspectedOutages.id,
          recent.map((row) => row.id),
        ),
        isNull(suspectedOutages.vendorWideId),
      ),
    );
}

/** A vendor-wide proposal whose practices' local suspected outages have all ended ends too. */
async function settleVendorWide(ctx: ServiceContext, vendorWideId: string | null, now: Date) {
  if (!vendorWideId) return;
  const members = await ctx.tx
    .select({ status: suspectedOutages.status })
    .from(suspectedOutages)
    .where(
      and(eq(suspectedOutages.mspId, ctx.mspId), eq(suspectedOutages.vendorWideId, vendorWideId)),
    );
  if (members.some((member) => member.status === "open")) return;
  await ctx.tx
    .update(suspectedOutages)
    .set({ status: "cleared", endedAt: now, recoveredAt: now, endedByName: "Standby" })
    .where(
      and(
        eq(suspectedOutages.mspId, ctx.mspId),
        eq(suspectedOutages.id, vendorWideId),
        eq(suspectedOutages.status, "open"),
      ),
    );
}

export type SuspectedOutageView = {
  id: string;
  practiceId: string | null;
  practiceName: string | null;
  scope: "local" | "vendor_wide";
  status: Row["status"];
  effect: Row["effect"];
  systemId: string | null;
  systemName: string;
  vendorWideId: string | null;
  openedAt: Date;
  recoveredAt: Date | null;
  endedAt: Date | null;
  dismissedReason: string | null;
  endedByName: string | null;
  incidentId: string | null;
  /** For a vendor-wide one: the practices it covers (those the caller sees). */
  practices: { practiceId: string; practiceName: string; suspectedOutageId: string }[];
};

const viewColumns = {
  id: suspectedOutages.id,
  practiceId: suspectedOutages.practiceId,
  practiceName: practices.name,
  scope: suspectedOutages.scope,
  status: suspectedOutages.status,
  effect: suspectedOutages.effect,
  systemId: suspectedOutages.systemId,
  systemName: suspectedOutages.systemName,
  vendorWideId: suspectedOutages.vendorWideId,
  openedAt: suspectedOutages.openedAt,
  recoveredAt: suspectedOutages.recoveredAt,
  endedAt: suspectedOutages.endedAt,
  dismissedReason: suspectedOutages.dismissedReason,
  endedByName: suspectedOutages.endedByName,
  incidentId: suspectedOutages.incidentId,
};

/** The open suspected outages the caller may see, newest first, vendor-wide ones with their practices. */
export async function listOpenSuspected(ctx: ServiceContext): Promise<SuspectedOutageView[]> {
  const rows = await ctx.tx
    .select(viewColumns)
    .from(suspectedOutages)
    .leftJoin(
      practices,
      and(
        eq(practices.mspId, suspectedOutages.mspId),
        eq(practices.id, suspectedOutages.practiceId),
      ),
    )
    .where(and(eq(suspectedOutages.mspId, ctx.mspId), eq(suspectedOutages.status, "open")))
    .orderBy(desc(suspectedOutages.openedAt))
    .limit(200);
  const visible = rows.filter(
    (row) => row.practiceId === null || practiceVisible(ctx, row.practiceId),
  );
  return visible.map((row) => ({
    ...row,
    practices:
      row.scope === "vendor_wide"
        ? visible
            .filter((local) => local.vendorWideId === row.id)
            .map((local) => ({
              practiceId: local.practiceId!,
              practiceName: local.practiceName ?? "",
              suspectedOutageId: local.id,
            }))
        : [],
  }));
}

/** A practice's suspected outages: open ones first, then the last 20 ended ones (its history). */
export async function listPracticeSuspected(
  ctx: ServiceContext,
  practiceId: string,
): Promise<SuspectedOutageView[]> {
  await practiceInScope(ctx, practiceId);
  const rows = await ctx.tx
    .select(viewColumns)
    .from(suspectedOutages)
    .leftJoin(
      practices,
      and(
        eq(practices.mspId, suspectedOutages.mspId),
        eq(practices.id, suspectedOutages.practiceId),
      ),
    )
    .where(and(eq(suspectedOutages.mspId, ctx.mspId), eq(suspectedOutages.practiceId, practiceId)))
    .orderBy(sql`${suspectedOutages.status} = 'open' desc`, desc(suspectedOutages.openedAt))
    .limit(30);
  return rows.map((row) => ({ ...row, practices: [] }));
}

async function lockedLocal(ctx: ServiceContext, input: z.infer<typeof suspectedOutageRefSchema>) {
  await practiceInScope(ctx, input.practiceId, "change");
  const [row] = await ctx.tx
    .select()
    .from(suspectedOutages)
    .where(
      and(
        eq(suspectedOutages.mspId, ctx.mspId),
        eq(suspectedOutages.practiceId, input.practiceId),
        eq(suspectedOutages.id, input.suspectedOutageId),
      ),
    )
    .for("update");
  if (!row) throw new NotFoundError("Suspected outage");
  return row;
}

/** One suspected outage of a practice (the declare form is pre-filled from it). */
export async function getSuspected(
  ctx: ServiceContext,
  input: z.infer<typeof suspectedOutageRefSchema>,
) {
  await practiceInScope(ctx, input.practiceId);
  const [row] = await ctx.tx
    .select(viewColumns)
    .from(suspectedOutages)
    .leftJoin(
      practices,
      and(
        eq(practices.mspId, suspectedOutages.mspId),
        eq(practices.id, suspectedOutages.practiceId),
      ),
    )
    .where(
      and(
        eq(suspectedOutages.mspId, ctx.mspId),
        eq(suspectedOutages.practiceId, input.practiceId),
        eq(suspectedOutages.id, input.suspectedOutageId),
      ),
    );
  if (!row) throw new NotFoundError("Suspected outage");
  return { ...row, practices: [] } satisfies SuspectedOutageView;
}

/** Not an outage (a planned restart, a monitor to fix): ended with the reason, which is kept. */
export async function dismissSuspected(
  ctx: ServiceContext,
  input: z.infer<typeof dismissSuspectedSchema>,
  now = new Date(),
) {
  const row = await lockedLocal(ctx, input);
  if (row.status !== "open")
    throw new InvalidError("This suspected outage has already ended: reload the page.");
  await endByPerson(
    ctx,
    row,
    now,
    { status: "dismissed", dismissedReason: input.reason },
    {
      action: "suspected_outage.dismiss",
      summary: { system: row.systemName, reason: input.reason },
    },
  );
  return { id: row.id };
}

/**
 * Called by declareIncident in its transaction: the suspected outage the form was opened from is
 * declared and linked to the incident. It must be this practice's, and still open.
 */
export async function markSuspectedDeclared(
  ctx: ServiceContext,
  input: { practiceId: string; suspectedOutageId: string; incidentId: string },
  now: Date,
) {
  const row = await lockedLocal(ctx, input);
  if (row.status !== "open")
    throw new InvalidError(
      row.status === "declared"
        ? "This suspected outage was already declared: open its incident instead."
        : "This suspected outage has already ended: declare without it.",
      "suspectedOutageId",
    );
  await endByPerson(
    ctx,
    row,
    now,
    { status: "declared", incidentId: input.incidentId },
    {
      action: "suspected_outage.declare",
      summary: { system: row.systemName, incidentId: input.incidentId },
    },
  );
}

/** A person ends an open local suspected outage (dismissed or declared): audited, vendor-wide settled. */
async function endByPerson(
  ctx: ServiceContext,
  row: typeof suspectedOutages.$inferSelect,
  now: Date,
  end:
    { status: "dismissed"; dismissedReason: string } | { status: "declared"; incidentId: string },
  audit: { action: string; summary: Record<string, unknown> },
) {
  await ctx.tx
    .update(suspectedOutages)
    .set({ ...end, endedAt: now, endedByName: ctx.actor.name })
    .where(and(eq(suspectedOutages.mspId, ctx.mspId), eq(suspectedOutages.id, row.id)));
  await recordAudit(ctx, {
    ...audit,
    entityType: "suspected_outage",
    entityId: row.id,
    practiceId: row.practiceId,
  });
  await settleVendorWide(ctx, row.vendorWideId, now);
}

async function lockedVendorWide(ctx: ServiceContext, vendorWideId: string) {
  if (ctx.practiceIds !== "*") throw new NotFoundError("Vendor-wide outage");
  const [row] = await ctx.tx
    .select()
    .from(suspectedOutages)
    .where(
      and(
        eq(suspectedOutages.mspId, ctx.mspId),
        eq(suspectedOutages.scope, "vendor_wide"),
        eq(suspectedOutages.id, vendorWideId),
      ),
    )
    .for("update");
  if (!row) throw new NotFoundError("Vendor-wide outage");
  if (row.status !== "open")
    throw new InvalidError("This vendor-wide outage has already ended: reload the page.");
  const locals = await ctx.tx
    .select()
    .from(suspectedOutages)
    .where(
      and(
        eq(suspectedOutages.mspId, ctx.mspId),
        eq(suspectedOutages.vendorWideId, row.id),
        eq(suspectedOutages.status, "open"),
      ),
    )
    .orderBy(asc(suspectedOutages.id));
  return { row, locals };
}

/**
 * Declares a vendor-wide suspected outage: one incident per practice still suspected (with its
 * system, from when the monitors saw it), linked as one vendor-wide outage.
 */
export async function declareVendorWide(
  ctx: ServiceContext,
  input: Omit<z.infer<typeof declareVendorWideSchema>, "idempotencyKey">,
  now = new Date(),
) {
  const { row, locals } = await lockedVendorWide(ctx, input.vendorWideId);
  if (locals.length < 2)
    throw new InvalidError(
      "Fewer than two practices are still suspected: declare at the practice instead.",
    );
  const incidentIds: string[] = [];
  // Each declaration takes its practice's lock: always in practice order, so two overlapping
  // vendor-wide declarations wait for each other instead of deadlocking.
  const byPractice = [...locals].sort((a, b) => a.practiceId!.localeCompare(b.practiceId!));
  for (const local of byPractice) {
    const { id } = await declareIncident(
      ctx,
      {
        practiceId: local.practiceId!,
        title: `${row.systemName} outage (vendor-wide)`,
        systemIds: local.systemId ? [local.systemId] : [],
        severity: input.severity,
        patientCareInterrupted: input.patientCareInterrupted,
        startedAt: local.openedAt < now ? local.openedAt : now,
        ownerName: "",
        updateEveryMinutes: 30,
        suspectedOutageId: local.id,
        // The person declared the vendor-wide outage for every practice still suspected, knowingly.
        confirmDuplicate: true,
      },
      now,
    );
    incidentIds.push(id);
  }
  const linked = await linkIncidents(ctx, { vendorId: row.vendorId!, incidentIds }, now);
  await ctx.tx
    .update(suspectedOutages)
    .set({
      status: "declared",
      endedAt: now,
      endedByName: ctx.actor.name,
      incidentGroupId: linked.groupId,
    })
    .where(and(eq(suspectedOutages.mspId, ctx.mspId), eq(suspectedOutages.id, row.id)));
  await recordAudit(ctx, {
    action: "suspected_outage.declare_vendor_wide",
    entityType: "suspected_outage",
    entityId: row.id,
    summary: { vendor: row.systemName, incidents: incidentIds.length },
  });
  return { groupId: linked.groupId, incidentIds };
}

/** Not one vendor's outage: the proposal ends with the reason; each practice's own stays open. */
export async function dismissVendorWide(
  ctx: ServiceContext,
  input: z.infer<typeof dismissVendorWideSchema>,
  now = new Date(),
) {
  const { row } = await lockedVendorWide(ctx, input.vendorWideId);
  await ctx.tx
    .update(suspectedOutages)
    .set({
      status: "dismissed",
      dismissedReason: input.reason,
      endedAt: now,
      endedByName: ctx.actor.name,
    })
    .where(and(eq(suspectedOutages.mspId, ctx.mspId), eq(suspectedOutages.id, row.id)));
  await recordAudit(ctx, {
    action: "suspected_outage.dismiss_vendor_wide",
    entityType: "suspected_outage",
    entityId: row.id,
    summary: { vendor: row.systemName, reason: input.reason },
  });
  return { id: row.id };
}

/**
 * The monitors of an incident's systems, with their live state; when every one of them is up
 * again (and the incident is still open) the room suggests resolving — it never resolves by itself.
 */
export async function incidentMonitors(
  ctx: ServiceContext,
  input: z.infer<typeof incidentMonitorsSchema>,
) {
  await practiceInScope(ctx, input.practiceId);
  const [incident] = await ctx.tx
    .select({ id: incidents.id, status: incidents.status })
    .from(incidents)
    .where(
      and(
        eq(incidents.mspId, ctx.mspId),
        eq(incidents.practiceId, input.practiceId),
        eq(incidents.id, input.incidentId),
      ),
    );
  if (!incident) throw new NotFoundError("Incident");
  const rows = await ctx.tx
    .select({
      id: monitors.id,
      name: monitors.name,
      systemName: systems.name,
      status: monitors.status,
      statusChangedAt: monitors.statusChangedAt,
      lastCheckedAt: monitors.lastCheckedAt,
      unreachableBecause: monitors.unreachableBecause,
    })
    .from(incidentSystems)
    .innerJoin(
      monitors,
      and(
        eq(monitors.mspId, incidentSystems.mspId),
        eq(monitors.systemId, incidentSystems.systemId),
      ),
    )
    .innerJoin(systems, and(eq(systems.mspId, monitors.mspId), eq(systems.id, monitors.systemId)))
    .where(
      and(
        eq(incidentSystems.mspId, ctx.mspId),
        eq(incidentSystems.incidentId, incident.id),
        isNotNull(incidentSystems.systemId),
        ne(monitors.status, "paused"),
      ),
    )
    .orderBy(asc(systems.name), asc(monitors.name));
  const open = incident.status !== "resolved" && incident.status !== "closed";
  return {
    monitors: rows,
    suggestResolve:
      open &&
      rows.length > 0 &&
      rows.every((row) => row.status === "up" || row.status === "degraded"),
  };
}
