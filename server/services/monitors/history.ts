import "server-only";
import { and, asc, eq, gte } from "drizzle-orm";
import type { z } from "zod";
import { monitorResults, monitorRollups, monitors } from "@/db/schema";
import type { monitorHistorySchema } from "@/server/contracts/monitors";
import { rollUp, type Rollup } from "@/server/domain/monitor-rollup";
import { bucketRollups, firstBucketStart } from "@/server/domain/monitor-summary";
import { NotFoundError } from "@/server/errors";
import { practiceInScope, type ServiceContext } from "@/server/services/context";

const HOUR_MS = 3_600_000;
/** The 24-hour chart: 48 half-hours, from the results. */
export const DAY_CHART = { stepMs: HOUR_MS / 2, count: 48 };
/** The 30-day chart: 30 days (UTC), from the hourly rollups and the hours not rolled up yet. */
export const MONTH_CHART = { stepMs: 24 * HOUR_MS, count: 30 };

/**
 * A monitor's response time and availability over 24 hours and 30 days. Both reads follow the
 * tables' primary keys (msp_id, monitor_id, due_at / hour) and are bounded by time: at most 2,880
 * results (a 30 s interval) and 720 rollups. The hours the hourly rollup has not reached yet are
 * taken from the results.
 */
export async function monitorHistory(
  ctx: ServiceContext,
  input: z.infer<typeof monitorHistorySchema>,
  now = new Date(),
) {
  await practiceInScope(ctx, input.practiceId);
  const [monitor] = await ctx.tx
    .select({ id: monitors.id })
    .from(monitors)
    .where(
      and(
        eq(monitors.mspId, ctx.mspId),
        eq(monitors.practiceId, input.practiceId),
        eq(monitors.id, input.monitorId),
      ),
    );
  if (!monitor) throw new NotFoundError("Monitor");
  const dayFrom = firstBucketStart(now, DAY_CHART.stepMs, DAY_CHART.count);
  const monthFrom = firstBucketStart(now, MONTH_CHART.stepMs, MONTH_CHART.count);
  const [results, rollups] = await Promise.all([
    ctx.tx
      .select({
        dueAt: monitorResults.dueAt,
        outcome: monitorResults.outcome,
        latencyMs: monitorResults.latencyMs,
      })
      .from(monitorResults)
      .where(
        and(
          eq(monitorResults.mspId, ctx.mspId),
          eq(monitorResults.monitorId, monitor.id),
          gte(monitorResults.dueAt, dayFrom),
        ),
      )
      .orderBy(asc(monitorResults.dueAt)),
    ctx.tx
      .select({
        hour: monitorRollups.hour,
        checks: monitorRollups.checks,
        upChecks: monitorRollups.upChecks,
        degradedChecks: monitorRollups.degradedChecks,
        downChecks: monitorRollups.downChecks,
        latencyCount: monitorRollups.latencyCount,
        latencySumMs: monitorRollups.latencySumMs,
        latencyMaxMs: monitorRollups.latencyMaxMs,
      })
      .from(monitorRollups)
      .where(
        and(
          eq(monitorRollups.mspId, ctx.mspId),
          eq(monitorRollups.monitorId, monitor.id),
          gte(monitorRollups.hour, monthFrom),
        ),
      )
      .orderBy(asc(monitorRollups.hour)),
  ]);
  const checks = results.map((result) => ({ at: result.dueAt, rollup: rollUp([result]) }));
  const lastRolled = rollups.at(-1);
  const rolledUpTo = lastRolled ? lastRolled.hour.getTime() + HOUR_MS : 0;
  const hours = rollups.map(({ hour, ...rollup }): { at: Date; rollup: Rollup } => ({
    at: hour,
    rollup,
  }));
  return {
    day: bucketRollups(checks, dayFrom, DAY_CHART.stepMs, DAY_CHART.count),
    month: bucketRollups(
      [...hours, ...checks.filter((check) => check.at.getTime() >= rolledUpTo)],
      monthFrom,
      MONTH_CHART.stepMs,
      MONTH_CHART.count,
    ),
  };
}
