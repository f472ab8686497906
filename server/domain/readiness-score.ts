/**
 * A practice's readiness score (0–100) and its parts. One formula, shown on the portfolio page:
 * each part earns up to its weight, and the score is their sum.
 */
export type ReadinessParts = {
  /** Plan completeness, 0–100. */
  planCompleteness: number;
  /** A published plan whose review date has not passed. */
  planCurrent: boolean;
  vendorsLinked: number;
  vendorsVerified: number;
  backupsTracked: number;
  /** Tracked systems tested on time with a passing last test. */
  backupsGood: number;
  reviewOverdue: boolean;
  urgentRisksOpen: number;
  activeIncident: boolean;
  /**
   * Hours since the practice's schedule copy was last refreshed; null when it keeps none (parts
   * computed before schedule copies existed have no such member, which reads as none).
   */
  scheduleCopyAgeHours?: number | null;
};

/** A schedule copy older than this no longer tells the front desk who is coming. */
export const SCHEDULE_COPY_STALE_HOURS = 24;

/** Taken off the score while a kept schedule copy is stale: its own line, not a share of 100. */
export const readinessPenalties = [
  {
    part: "scheduleCopy",
    label: "Schedule copy out of date",
    points: 10,
    rule: "−10 when the practice keeps a schedule copy and it is more than 24 hours old",
  },
] as const;

export const scheduleCopyStale = (parts: Pick<ReadinessParts, "scheduleCopyAgeHours">) =>
  parts.scheduleCopyAgeHours != null && parts.scheduleCopyAgeHours > SCHEDULE_COPY_STALE_HOURS;

export const readinessWeights = {
  planCompleteness: 15,
  planCurrent: 10,
  vendorsVerified: 15,
  backups: 20,
  reviewOnTime: 15,
  noUrgentRisks: 15,
  noActiveIncident: 10,
} as const;

export const readinessFormula: {
  part: keyof typeof readinessWeights;
  label: string;
  rule: string;
}[] = [
  { part: "planCompleteness", label: "Plan complete", rule: "15 × the plan's completeness" },
  {
    part: "planCurrent",
    label: "Plan current",
    rule: "10 when a plan is published and its review date has not passed",
  },
  {
    part: "vendorsVerified",
    label: "Vendor contacts verified",
    rule: "15 × the share of the practice's vendors verified in the last 90 days (0 with no vendors)",
  },
  {
    part: "backups",
    label: "Backups tested",
    rule: "20 × the share of backed-up systems tested on time with a passing last test (0 with none tracked)",
  },
  {
    part: "reviewOnTime",
    label: "Review on time",
    rule: "15 when the quarterly review is not overdue",
  },
  {
    part: "noUrgentRisks",
    label: "No urgent risks",
    rule: "15 with no urgent risk open, 5 with one, 0 with more",
  },
  { part: "noActiveIncident", label: "No active outage", rule: "10 when no incident is open" },
];

const share = (part: number, whole: number) => (whole > 0 ? Math.min(part, whole) / whole : 0);

export function readinessScore(parts: ReadinessParts): {
  score: number;
  points: Record<keyof typeof readinessWeights | "scheduleCopy", number>;
} {
  const points = {
    planCompleteness:
      (readinessWeights.planCompleteness * Math.max(0, Math.min(100, parts.planCompleteness))) /
      100,
    planCurrent: parts.planCurrent ? readinessWeights.planCurrent : 0,
    vendorsVerified:
      readinessWeights.vendorsVerified * share(parts.vendorsVerified, parts.vendorsLinked),
    backups: readinessWeights.backups * share(parts.backupsGood, parts.backupsTracked),
    reviewOnTime: parts.reviewOverdue ? 0 : readinessWeights.reviewOnTime,
    noUrgentRisks:
      parts.urgentRisksOpen === 0
        ? readinessWeights.noUrgentRisks
        : parts.urgentRisksOpen === 1
          ? 5
          : 0,
    noActiveIncident: parts.activeIncident ? 0 : readinessWeights.noActiveIncident,
    scheduleCopy: scheduleCopyStale(parts) ? -readinessPenalties[0].points : 0,
  };
  const rounded = Object.fromEntries(
    Object.entries(points).map(([key, value]) => [key, Math.round(value * 10) / 10]),
  ) as typeof points;
  return {
    score: Math.max(0, Math.round(Object.values(points).reduce((sum, value) => sum + value, 0))),
    points: rounded,
  };
}
