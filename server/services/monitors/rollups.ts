import "server-only";
import { sql } from "drizzle-orm";
import { hourOf, RESULTS_KEPT_DAYS, ROLLUPS_KEPT_DAYS } from "@/server/domain/monitor-rollup";
import type { ServiceContext } from "@/server/services/context";

const DAY_MS = 24 * 60 * 60 * 1000;
/** Hours rolled up again at each run: a late result (a check that ran long) is still counted. */
const HOURS_REDONE = 3;

/**
 * The hourly housekeeping of one MSP's monitor results (job "monitor-rollup", as role "system"):
 * the last complete hours are summed into monitor_rollups (again, idempotently, from the results),
 * results older than 30 days are deleted, and rollups older than two years.
 */
export async function rollUpMonitorResults(ctx: ServiceContext, at: Date) {
  const to = hourOf(at);
  const from = new Date(to.getTime() - HOURS_REDONE * 3_600_000);
  const rolled = await ctx.tx.execute(sql`
    insert into monitor_rollups (msp_id, practice_id, monitor_id, hour, checks, up_checks, degraded_checks,
                                 down_checks, latency_count, latency_sum_ms, latency_max_ms)
    select msp_id, practice_id, monitor_id, date_trunc('hour', due_at), count(*)::int,
           count(*) filter (where outcome = 'up')::int,
           count(*) filter (where outcome = 'degraded')::int,
           count(*) filter (where outcome = 'down')::int,
           count(latency_ms) filter (where outcome <> 'down')::int,
           coalesce(sum(latency_ms) filter (where outcome <> 'down'), 0),
           max(latency_ms) filter (where outcome <> 'down')
      from monitor_results
     where msp_id = ${ctx.mspId} and due_at >= ${from.toISOString()}::timestamptz
       and due_at < ${to.toISOString()}::timestamptz
     group by msp_id, practice_id, monitor_id, date_trunc('hour', due_at)
    on conflict (msp_id, monitor_id, hour) do update set
      checks = excluded.checks, up_checks = excluded.up_checks,
      degraded_checks = excluded.degraded_checks, down_checks = excluded.down_checks,
      latency_count = excluded.latency_count, latency_sum_ms = excluded.latency_sum_ms,
      latency_max_ms = excluded.latency_max_ms`);
  const resultsBefore = new Date(at.getTime() - RESULTS_KEPT_DAYS * DAY_MS).toISOString();
  const results = await ctx.tx.execute(
    sql`delete from monitor_results where msp_id = ${ctx.mspId} and due_at < ${resultsBefore}::timestamptz`,
  );
  const rollupsBefore = new Date(at.getTime() - ROLLUPS_KEPT_DAYS * DAY_MS).toISOString();
  const rollups = await ctx.tx.execute(
    sql`delete from monitor_rollups where msp_id = ${ctx.mspId} and hour < ${rollupsBefore}::timestamptz`,
  );
  return {
    rolledUp: rolled.count ?? 0,
    resultsDeleted: results.count ?? 0,
    rollupsDeleted: rollups.count ?? 0,
  };
}
