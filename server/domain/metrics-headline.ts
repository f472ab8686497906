import { trend, type QuarterKey } from "./quarters";

/**
 * The three numbers leadership asks about first, for the latest quarter against the one before:
 * how long the practices were down (unplanned downtime minutes), how ready they are (plan
 * completeness), and whether the backups can be brought back (the share of restore tests passed).
 * Computed from the quarterly figures already read; nothing more is queried.
 */

export type HeadlineKey = "downtimeMinutes" | "planCompleteness" | "restoreTestsPassedPercent";

/** The part of a quarter's figures the headline reads. */
export type HeadlineQuarter = {
  quarter: QuarterKey;
  incidents: number;
  downtimeMinutes: number;
  planCompleteness: number | null;
  backupTests: number;
  backupTestsPassed: number;
};

export type HeadlineFigure = {
  key: HeadlineKey;
  /** The latest quarter's value; null when there is no data yet (no published plan, no restore test). */
  value: number | null;
  /** The same for the quarter before; null when there is none or it had no data. */
  previous: number | null;
  /** Change against the quarter before; null when either side has no data. */
  trend: ReturnType<typeof trend>;
  /** What the value is made of, for the words under it: "in 2 incidents" (no `of`), "3 of 4 tests passed". */
  detail: { count: number; of: number | null } | null;
};

/** Whole percent of `part` in `whole`; null when there is nothing to divide by. */
export function percentOf(part: number, whole: number): number | null {
  return whole > 0 ? Math.round((part / whole) * 100) : null;
}

function valuesOf(quarter: HeadlineQuarter): Record<HeadlineKey, number | null> {
  return {
    downtimeMinutes: quarter.downtimeMinutes,
    planCompleteness: quarter.planCompleteness,
    restoreTestsPassedPercent: percentOf(quarter.backupTestsPassed, quarter.backupTests),
  };
}

function detailOf(key: HeadlineKey, quarter: HeadlineQuarter): HeadlineFigure["detail"] {
  if (key === "downtimeMinutes") return { count: quarter.incidents, of: null };
  if (key === "restoreTestsPassedPercent")
    return quarter.backupTests > 0
      ? { count: quarter.backupTestsPassed, of: quarter.backupTests }
      : null;
  return null;
}

export const headlineKeys: readonly HeadlineKey[] = [
  "downtimeMinutes",
  "planCompleteness",
  "restoreTestsPassedPercent",
];

/** The headline of quarters given oldest first: the last one against the one before it. */
export function headlineFigures(quarters: readonly HeadlineQuarter[]): HeadlineFigure[] {
  const latest = quarters.at(-1);
  if (!latest) return [];
  const before = quarters.at(-2) ?? null;
  const now = valuesOf(latest);
  const then = before ? valuesOf(before) : null;
  return headlineKeys.map((key) => {
    const previous = then ? then[key] : null;
    return {
      key,
      value: now[key],
      previous,
      trend: trend(now[key], previous),
      detail: detailOf(key, latest),
    };
  });
}
