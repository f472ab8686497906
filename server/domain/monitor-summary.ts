import type { MonitorStatus } from "@/db/schema/values";
import { availability, combine, emptyRollup, meanLatencyMs, type Rollup } from "./monitor-rollup";

/**
 * How bad a monitor's state is, worst first: what a system with several monitors shows is the worst
 * of them (a down monitor is never hidden behind an up one). Paused says least: nobody is checking.
 */
export const statusSeverity: Record<MonitorStatus, number> = {
  down: 0,
  pending: 1,
  degraded: 2,
  unknown: 3,
  up: 4,
  paused: 5,
};

/** The worst of some monitors' states, or null with no monitor. */
export function worstStatus(statuses: Iterable<MonitorStatus>): MonitorStatus | null {
  let worst: MonitorStatus | null = null;
  for (const status of statuses)
    if (worst === null || statusSeverity[status] < statusSeverity[worst]) worst = status;
  return worst;
}

/** A system's monitors in one line: the worst state and how many monitors are in it, of how many. */
export type SystemMonitorState = { status: MonitorStatus; inStatus: number; monitors: number };

/** Per system, from (system, status, count) rows as a GROUP BY gives them. */
export function systemMonitorStates(
  rows: readonly { systemId: string; status: MonitorStatus; monitors: number }[],
): Map<string, SystemMonitorState> {
  const states = new Map<string, SystemMonitorState>();
  for (const row of rows) {
    const current = states.get(row.systemId);
    if (!current) {
      states.set(row.systemId, {
        status: row.status,
        inStatus: row.monitors,
        monitors: row.monitors,
      });
      continue;
    }
    current.monitors += row.monitors;
    if (statusSeverity[row.status] < statusSeverity[current.status]) {
      current.status = row.status;
      current.inStatus = row.monitors;
    } else if (row.status === current.status) current.inStatus += row.monitors;
  }
  return states;
}

/** One bar or point of a monitor's chart: a stretch of time and its checks. */
export type ChartBucket = {
  /** The bucket's start (ISO). */
  start: string;
  checks: number;
  downChecks: number;
  /** 0–1, null with no checks in the bucket. */
  availability: number | null;
  meanLatencyMs: number | null;
  maxLatencyMs: number | null;
};

/**
 * `count` buckets of `stepMs` from `from`, each the sum of the rollups (an hour's, or one result's)
 * that start inside it; what falls outside is left out, and a bucket with nothing stays empty (a gap,
 * not a zero: no checks is not an outage).
 */
export function bucketRollups(
  items: readonly { at: Date; rollup: Rollup }[],
  from: Date,
  stepMs: number,
  count: number,
): ChartBucket[] {
  const sums: Rollup[][] = Array.from({ length: count }, () => []);
  for (const item of items) {
    const index = Math.floor((item.at.getTime() - from.getTime()) / stepMs);
    if (index >= 0 && index < count) sums[index]!.push(item.rollup);
  }
  return sums.map((rollups, index) => {
    const sum = rollups.length ? combine(rollups) : emptyRollup;
    return {
      start: new Date(from.getTime() + index * stepMs).toISOString(),
      checks: sum.checks,
      downChecks: sum.downChecks,
      availability: availability(sum),
      meanLatencyMs: meanLatencyMs(sum),
      maxLatencyMs: sum.latencyMaxMs,
    };
  });
}

/** The start of the first bucket so that `count` buckets of `stepMs` end at the bucket holding `now`. */
export function firstBucketStart(now: Date, stepMs: number, count: number): Date {
  const end = Math.floor(now.getTime() / stepMs) * stepMs + stepMs;
  return new Date(end - count * stepMs);
}
