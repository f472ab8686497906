import { AT_RISK_BELOW } from "@/server/contracts/portfolio";
import { formatDay } from "@/components/ui/format";
import { readinessWeights, scheduleCopyStale } from "@/server/domain/readiness-score";
import type { PortfolioItem } from "./types";

/** How a score reads in words. The word always comes with the number, an icon and the bar. */
export const scoreBands = [
  { band: "ready", word: "Ready", min: 80 },
  { band: "needs_work", word: "Needs work", min: AT_RISK_BELOW },
  { band: "at_risk", word: "At risk", min: 0 },
] as const;
export type ScoreBand = (typeof scoreBands)[number]["band"];

export function scoreBand(score: number): (typeof scoreBands)[number] {
  return scoreBands.find((band) => score >= band.min) ?? scoreBands[scoreBands.length - 1]!;
}

export type Tone = "ok" | "attention" | "problem";

export type PartKey = "plan" | "vendors" | "backups" | "review" | "risks" | "outage";

/** One part of the score as the portfolio shows it: what it says, how it stands, and where it is fixed. */
export type PartView = {
  key: PartKey;
  label: string;
  href: string;
  tone: Tone;
  status: string;
  /** What else to know, when there is something. */
  detail?: string;
  points: number;
  max: number;
};

export const partLabels: Record<PartKey, string> = {
  plan: "Plan",
  vendors: "Vendor contacts",
  backups: "Backups",
  review: "Review",
  risks: "Urgent risks",
  outage: "Outage",
};

/** A copy's age in words: "30 hours", "3 days". */
export const copyAge = (hours: number) =>
  hours < 48 ? `${Math.floor(hours)} hours` : `${Math.floor(hours / 24)} days`;

/** Points with at most one decimal: 12.5, 15. */
export const formatPoints = (points: number) => String(Math.round(points * 10) / 10);

const plural = (count: number, word: string, many = `${word}s`) =>
  `${count} ${count === 1 ? word : many}`;

/**
 * Whether the practice's score has been computed. A practice created while the portfolio was
 * being read can come back with its placeholder row (score 0, no parts) until the next read.
 */
export function isScored(item: PortfolioItem): boolean {
  return (
    typeof item.parts === "object" &&
    item.parts !== null &&
    typeof item.parts.points === "object" &&
    item.parts.points !== null
  );
}

export function partsOf(item: PortfolioItem): PartView[] {
  const { parts } = item;
  const base = `/practices/${item.practiceId}`;
  const points = parts.points;

  const plan: PartView = {
    key: "plan",
    label: partLabels.plan,
    href: `${base}/plan`,
    tone:
      parts.publishedVersion === null || !parts.planCurrent
        ? "problem"
        : parts.planCompleteness < 100
          ? "attention"
          : "ok",
    status: `${parts.planCompleteness}% complete`,
    detail:
      parts.publishedVersion === null
        ? "Not published"
        : !parts.planCurrent
          ? "Plan review overdue"
          : `Version ${parts.publishedVersion} published`,
    points: points.planCompleteness + points.planCurrent + (points.scheduleCopy ?? 0),
    max: readinessWeights.planCompleteness + readinessWeights.planCurrent,
  };

  // The schedule copy is the plan's schedule continuity kept up to date: its staleness shows here.
  if (scheduleCopyStale(parts)) {
    plan.tone = plan.tone === "ok" ? "attention" : plan.tone;
    plan.detail = `${plan.detail} · Schedule copy ${copyAge(parts.scheduleCopyAgeHours!)} old`;
  }

  const vendors: PartView = {
    key: "vendors",
    label: partLabels.vendors,
    href: `${base}/vendors`,
    tone:
      parts.vendorsLinked === 0
        ? "problem"
        : parts.vendorsVerified < parts.vendorsLinked
          ? "attention"
          : "ok",
    status:
      parts.vendorsLinked === 0
        ? "None linked"
        : `${parts.vendorsVerified} of ${parts.vendorsLinked} verified`,
    detail: parts.vendorsLinked === 0 ? "Add the EHR vendor first" : "in the last 90 days",
    points: points.vendorsVerified,
    max: readinessWeights.vendorsVerified,
  };

  const flagged = [
    item.backupsOverdue > 0 && `${item.backupsOverdue} overdue`,
    item.backupsFailing > 0 && `${item.backupsFailing} failing`,
  ]
    .filter(Boolean)
    .join(" · ");
  const backups: PartView = {
    key: "backups",
    label: partLabels.backups,
    href: `${base}/backups`,
    tone:
      parts.backupsTracked === 0 || flagged
        ? "problem"
        : parts.backupsGood < parts.backupsTracked
          ? "attention"
          : "ok",
    status: parts.backupsTracked === 0 ? "None tracked" : flagged || "On time, passing",
    detail:
      parts.backupsTracked === 0
        ? "Set up restore tests"
        : `${plural(parts.backupsTracked, "system")} tracked`,
    points: points.backups,
    max: readinessWeights.backups,
  };

  const review: PartView = {
    key: "review",
    label: partLabels.review,
    href: `${base}/reviews`,
    tone: parts.reviewOverdue ? "problem" : "ok",
    status: parts.reviewOverdue ? "Overdue" : `Due ${formatDay(parts.reviewDueOn)}`,
    detail: parts.reviewOverdue ? `Was due ${formatDay(parts.reviewDueOn)}` : undefined,
    points: points.reviewOnTime,
    max: readinessWeights.reviewOnTime,
  };

  const risks: PartView = {
    key: "risks",
    label: partLabels.risks,
    href: `${base}/risks?filter=urgent`,
    tone: parts.urgentRisksOpen > 0 ? "problem" : "ok",
    status: parts.urgentRisksOpen === 0 ? "None open" : `${parts.urgentRisksOpen} open`,
    detail: parts.urgentRisksOpen === 0 ? undefined : "in the risk register",
    points: points.noUrgentRisks,
    max: readinessWeights.noUrgentRisks,
  };

  const outage: PartView = {
    key: "outage",
    label: partLabels.outage,
    href: `${base}/incidents`,
    tone: parts.activeIncident ? "problem" : "ok",
    status: parts.activeIncident ? "Outage open" : "None",
    detail: parts.activeIncident ? "See the incident" : undefined,
    points: points.noActiveIncident,
    max: readinessWeights.noActiveIncident,
  };

  return [plan, vendors, backups, review, risks, outage];
}
