import "server-only";
import { and, eq, inArray, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { monitorResults, monitors } from "@/db/schema";
import { withTenant, type TenantScope } from "@/db/tenant";
import { applyOutcome, nextDueAt } from "@/server/domain/monitor-state";
import type { ServiceContext } from "@/server/services/context";
import { maintenanceWindowCovering } from "@/server/services/maintenance/windows";
import { configuredCheckEnvironment, runCheck } from "./check";
import { lockPracticeMonitors, reconcilePractice } from "./suspected";
import { onMonitorTransition } from "./transitions";
import type { CheckEnvironment, CheckFinding } from "./types";

const systemScope = (mspId: string): TenantScope => ({
  mspId,
  userId: null,
  role: "system",
  practiceIds: "*",
});

const systemContext = (ctx: Omit<ServiceContext, "actor" | "practiceIds">): ServiceContext => ({
  ...ctx,
  actor: { userId: null, name: "Standby" },
  practiceIds: "*",
});

/** A check the worker has claimed: the monitor and the due time it is for (the database's text). */
export type ClaimedCheck = { mspId: string; monitorId: string; dueAt: string };

/**
 * Claims up to `limit` due checks across MSPs (standby_monitor_checks_claim: FOR UPDATE SKIP
 * LOCKED, and only monitors with no check in flight), as of `now`.
 */
export async function claimDueChecks(now: Date, limit: number): Promise<ClaimedCheck[]> {
  const rows = await getDb().execute<{ msp_id: string; monitor_id: string; due_at: string }>(
    sql`select msp_id, monitor_id, due_at::text as due_at
          from standby_monitor_checks_claim(${now.toISOString()}::timestamptz, ${limit})`,
  );
  return rows.map((row) => ({ mspId: row.msp_id, monitorId: row.monitor_id, dueAt: row.due_at }));
}

export type CheckOutcome = "recorded" | "skipped";

type MonitorRow = typeof monitors.$inferSelect;

/**
 * The monitors of some claimed checks, read in one query per MSP rather than one transaction per
 * check (the worker's tick batch); a monitor whose claim is no longer for that due time is left out.
 */
export async function readClaimedMonitors(
  claims: readonly ClaimedCheck[],
): Promise<Map<string, MonitorRow>> {
  const byMsp = new Map<string, ClaimedCheck[]>();
  for (const claim of claims) byMsp.set(claim.mspId, [...(byMsp.get(claim.mspId) ?? []), claim]);
  const found = new Map<string, MonitorRow>();
  for (const [mspId, list] of byMsp) {
    const rows = await withTenant(systemScope(mspId), (tx) =>
      tx
        .select()
        .from(monitors)
        .where(
          and(
            eq(monitors.mspId, mspId),
            inArray(
              monitors.id,
              list.map((claim) => claim.monitorId),
            ),
            // Still claimed for that due time (the claim's own text, compared by the database).
            sql`(${monitors.id}, ${monitors.inFlightDueAt}) in (${sql.join(
              list.map((claim) => sql`(${claim.monitorId}::uuid, ${claim.dueAt}::timestamptz)`),
              sql`, `,
            )})`,
          ),
        ),
    );
    for (const row of rows) found.set(row.id, row);
  }
  return found;
}

/**
 * Runs one claimed check: reads the monitor (as role "system" in its tenant), checks with no
 * transaction open, then records the result for its due time and the new state in one transaction.
 * A result already stored for that (monitor, due time), or a claim no longer ours, records nothing.
 */
export async function runClaimedCheck(
  claim: ClaimedCheck,
  now: Date,
  environment: CheckEnvironment = configuredCheckEnvironment(now),
  /** The monitor as readClaimedMonitors found it (null: not found); undefined reads it here. */
  read?: MonitorRow | null,
): Promise<CheckOutcome> {
  const [monitor] =
    read !== undefined
      ? read
        ? [read]
        : []
      : await withTenant(systemScope(claim.mspId), (tx) =>
          tx
            .select()
            .from(monitors)
            .where(
              and(
                eq(monitors.mspId, claim.mspId),
                eq(monitors.id, claim.monitorId),
                sql`${monitors.inFlightDueAt} = ${claim.dueAt}::timestamptz`,
              ),
            ),
        );
  if (!monitor) return "skipped";
  let finding: CheckFinding;
  try {
    finding = await runCheck(monitor, environment);
  } catch (error) {
    finding = {
      outcome: "down",
      latencyMs: null,
      error: `The check failed (${error instanceof Error ? error.message : String(error)}).`,
    };
  }
  return recordCheck(claim, finding, now);
}

async function recordCheck(
  claim: ClaimedCheck,
  finding: CheckFinding,
  now: Date,
): Promise<CheckOutcome> {
  return withTenant(systemScope(claim.mspId), async (tx) => {
    const ctx = systemContext({ tx, mspId: claim.mspId });
    // The practice's lock first (its checks' states are reasoned about together), then the row.
    const [owner] = await tx
      .select({ practiceId: monitors.practiceId })
      .from(monitors)
      .where(and(eq(monitors.mspId, claim.mspId), eq(monitors.id, claim.monitorId)));
    if (!owner) return "skipped";
    await lockPracticeMonitors(tx, owner.practiceId);
    const [monitor] = await tx
      .select()
      .from(monitors)
      .where(
        and(
          eq(monitors.mspId, claim.mspId),
          eq(monitors.id, claim.monitorId),
          sql`${monitors.inFlightDueAt} = ${claim.dueAt}::timestamptz`,
        ),
      )
      .for("update");
    if (!monitor) return "skipped";
    // During a planned window of its system (or one it depends on) a failure is maintenance.
    const maintenanceWindowId = await maintenanceWindowCovering(
      ctx,
      monitor.practiceId,
      monitor.systemId,
      now,
    );
    const inserted = await tx
      .insert(monitorResults)
      .values({
        mspId: claim.mspId,
        practiceId: monitor.practiceId,
        monitorId: monitor.id,
        dueAt: sql`${claim.dueAt}::timestamptz` as unknown as Date,
        checkedAt: now,
        outcome: finding.outcome,
        latencyMs: finding.latencyMs,
        error: finding.error,
        maintenanceWindowId,
      })
      .onConflictDoNothing()
      .returning({ monitorId: monitorResults.monitorId });
    const next = nextDueAt(new Date(claim.dueAt), monitor.intervalSeconds, now);
    const released = {
      inFlightDueAt: null,
      inFlightUntil: null,
      nextCheckAt: next,
      maintenanceWindowId,
    };
    // Paused by someone while the check ran (and not yet over): the result is kept, the state is theirs.
    const stillPaused =
      monitor.status === "paused" && (!monitor.pausedUntil || monitor.pausedUntil > now);
    if (inserted.length === 0 || stillPaused) {
      await tx
        .update(monitors)
        .set(released)
        .where(and(eq(monitors.mspId, claim.mspId), eq(monitors.id, monitor.id)));
      return inserted.length === 0 ? "skipped" : "recorded";
    }
    const { state, transition } = applyOutcome(monitor, finding.outcome, monitor);
    await tx
      .update(monitors)
      .set({
        ...released,
        status: state.status,
        consecutiveFailures: state.consecutiveFailures,
        consecutiveSuccesses: state.consecutiveSuccesses,
        ...(transition ? { statusChangedAt: now } : {}),
        ...(monitor.status === "paused" ? { pausedReason: null, pausedUntil: null } : {}),
        lastCheckedAt: now,
        lastLatencyMs: finding.latencyMs,
        lastError: finding.error,
      })
      .where(and(eq(monitors.mspId, claim.mspId), eq(monitors.id, monitor.id)));
    if (transition)
      await onMonitorTransition(ctx, {
        monitorId: monitor.id,
        practiceId: monitor.practiceId,
        systemId: monitor.systemId,
        name: monitor.name,
        from: transition.from,
        to: transition.to,
        at: now,
        error: finding.error,
      });
    // Still failing while marked unreachable: its own check decides whether it is now a cause.
    // Its window just ended: a system still down is now a suspected outage.
    else if (monitor.unreachableSystemId || (monitor.maintenanceWindowId && !maintenanceWindowId))
      await reconcilePractice(ctx, monitor.practiceId, now, monitor.id);
    return "recorded";
  });
}

export type TickOptions = {
  /** The moment of the tick (tests pass their clock). */
  now: Date;
  /** At most this many checks claimed. */
  limit?: number;
  environment?: CheckEnvironment;
};

/** One tick: claims what is due and runs it all, returning how many results it recorded. */
export async function runMonitorTick(
  options: TickOptions,
): Promise<{ claimed: number; recorded: number }> {
  const claims = await claimDueChecks(options.now, options.limit ?? 100);
  const read = await readClaimedMonitors(claims);
  const outcomes = await Promise.all(
    claims.map((claim) =>
      runClaimedCheck(claim, options.now, options.environment, read.get(claim.monitorId) ?? null),
    ),
  );
  return {
    claimed: claims.length,
    recorded: outcomes.filter((outcome) => outcome === "recorded").length,
  };
}
