import type { MonitorOutcome, MonitorStatus } from "@/db/schema/values";

/**
 * A monitor's state machine. Failures move an up monitor to *pending*, and to *down* at the N-th in a
 * row (failure threshold, default 3); a down monitor is *up* again after M successes in a row
 * (recovery threshold, default 2); a pending one is up again at its first success (it never went
 * down). A success slower than the monitor allows (or a certificate close to expiry) is *degraded*:
 * it counts as a success. *Paused* takes no checks until resumed or until its end time; *unknown* is
 * a monitor never checked (and one just resumed).
 */
export type MonitorState = {
  status: MonitorStatus;
  consecutiveFailures: number;
  consecutiveSuccesses: number;
};

export type Thresholds = { failureThreshold: number; recoveryThreshold: number };

/** A change of status, which later work (suspected outages, notifications) hooks onto. */
export type MonitorTransition = { from: MonitorStatus; to: MonitorStatus };

export const DEFAULT_FAILURE_THRESHOLD = 3;
export const DEFAULT_RECOVERY_THRESHOLD = 2;

export const freshState: MonitorState = {
  status: "unknown",
  consecutiveFailures: 0,
  consecutiveSuccesses: 0,
};

/** The state after one check's outcome, and the transition if the status changed. */
export function applyOutcome(
  state: MonitorState,
  outcome: MonitorOutcome,
  thresholds: Thresholds,
): { state: MonitorState; transition: MonitorTransition | null } {
  const from = state.status;
  // A paused monitor's check only arrives once its pause has ended: it starts again from unknown.
  const current = from === "paused" ? freshState : state;
  let next: MonitorState;
  if (outcome === "down") {
    const failures = current.consecutiveFailures + 1;
    const status: MonitorStatus =
      current.status === "down" || failures >= thresholds.failureThreshold ? "down" : "pending";
    next = { status, consecutiveFailures: failures, consecutiveSuccesses: 0 };
  } else {
    const successes = current.consecutiveSuccesses + 1;
    const recovering = current.status === "down" && successes < thresholds.recoveryThreshold;
    next = {
      status: recovering ? "down" : outcome,
      consecutiveFailures: recovering ? current.consecutiveFailures : 0,
      consecutiveSuccesses: successes,
    };
  }
  return { state: next, transition: next.status === from ? null : { from, to: next.status } };
}

/** Pausing keeps the counters out of it: a resumed monitor starts from unknown. */
export function pausedState(): MonitorState {
  return { status: "paused", consecutiveFailures: 0, consecutiveSuccesses: 0 };
}

/** Whether a status counts as a working system (for lists: down first, then pending…). */
export const statusOrder: Record<MonitorStatus, number> = {
  down: 0,
  pending: 1,
  degraded: 2,
  unknown: 3,
  up: 4,
  paused: 5,
};

/**
 * The next due time after a check due at `dueAt`: one interval on, or, when the worker fell behind
 * by more than an interval, the first slot after `now` on the same grid (missed slots are skipped,
 * never run late in a burst).
 */
export function nextDueAt(dueAt: Date, intervalSeconds: number, now: Date): Date {
  const step = intervalSeconds * 1000;
  const next = dueAt.getTime() + step;
  if (next > now.getTime()) return new Date(next);
  const behind = Math.floor((now.getTime() - dueAt.getTime()) / step) + 1;
  return new Date(dueAt.getTime() + behind * step);
}
