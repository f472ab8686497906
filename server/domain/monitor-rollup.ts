import type { MonitorOutcome } from "@/db/schema/values";

/**
 * Results are kept 30 days; after that an hour of a monitor's results lives on as one rollup (two
 * years). Availability counts degraded checks as available (the system answered).
 */
export const RESULTS_KEPT_DAYS = 30;
export const ROLLUPS_KEPT_DAYS = 2 * 366;

export type CheckResult = { outcome: MonitorOutcome; latencyMs: number | null };

export type Rollup = {
  checks: number;
  upChecks: number;
  degradedChecks: number;
  downChecks: number;
  latencyCount: number;
  latencySumMs: number;
  latencyMaxMs: number | null;
};

export const emptyRollup: Rollup = {
  checks: 0,
  upChecks: 0,
  degradedChecks: 0,
  downChecks: 0,
  latencyCount: 0,
  latencySumMs: 0,
  latencyMaxMs: null,
};

/** The start of the hour (UTC) a moment falls in: the key of its rollup. */
export function hourOf(at: Date): Date {
  return new Date(Math.floor(at.getTime() / 3_600_000) * 3_600_000);
}

/** One hour's results summed. Latency is of the checks that got an answer (up or degraded). */
export function rollUp(results: readonly CheckResult[]): Rollup {
  return results.reduce<Rollup>((sum, result) => {
    const answered = result.outcome !== "down" && result.latencyMs !== null;
    return {
      checks: sum.checks + 1,
      upChecks: sum.upChecks + (result.outcome === "up" ? 1 : 0),
      degradedChecks: sum.degradedChecks + (result.outcome === "degraded" ? 1 : 0),
      downChecks: sum.downChecks + (result.outcome === "down" ? 1 : 0),
      latencyCount: sum.latencyCount + (answered ? 1 : 0),
      latencySumMs: sum.latencySumMs + (answered ? result.latencyMs! : 0),
      latencyMaxMs: answered
        ? Math.max(sum.latencyMaxMs ?? 0, result.latencyMs!)
        : sum.latencyMaxMs,
    };
  }, emptyRollup);
}

/** Rollups of several hours (or monitors) as one. */
export function combine(rollups: readonly Rollup[]): Rollup {
  return rollups.reduce<Rollup>(
    (sum, r) => ({
      checks: sum.checks + r.checks,
      upChecks: sum.upChecks + r.upChecks,
      degradedChecks: sum.degradedChecks + r.degradedChecks,
      downChecks: sum.downChecks + r.downChecks,
      latencyCount: sum.latencyCount + r.latencyCount,
      latencySumMs: sum.latencySumMs + r.latencySumMs,
      latencyMaxMs:
        r.latencyMaxMs === null
          ? sum.latencyMaxMs
          : Math.max(sum.latencyMaxMs ?? 0, r.latencyMaxMs),
    }),
    emptyRollup,
  );
}

/** Share of checks that found the system answering (0–1), or null with no checks. */
export function availability(rollup: Rollup): number | null {
  if (rollup.checks === 0) return null;
  return (rollup.upChecks + rollup.degradedChecks) / rollup.checks;
}

/** Mean response time in whole milliseconds, or null with no answered check. */
export function meanLatencyMs(rollup: Rollup): number | null {
  return rollup.latencyCount === 0 ? null : Math.round(rollup.latencySumMs / rollup.latencyCount);
}

/** Availability as people read it: "99.95%", never rounded up to 100% while a check failed. */
export function formatAvailability(share: number | null): string {
  if (share === null) return "No checks yet";
  const percent = Math.floor(share * 10_000) / 100;
  return `${percent.toFixed(percent === 100 ? 0 : 2)}%`;
}
