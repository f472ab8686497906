import { formatUsd } from "@/components/ui/format";
import { metricColumns } from "@/server/contracts/metrics";
import { incidentCauseLabels, type IncidentCause } from "@/server/contracts/incidents";
import type { QuarterFigures, QuarterlyMetrics, TrendKey } from "./types";

/**
 * How each of leadership's figures is written: its column label (the CSV's), its value, and its
 * change against the previous quarter in words ("2 more incidents than 2026-Q3"), with which way
 * is better. Shared by the metrics page, the CSV and the printable summary.
 */
export type FigureKey = TrendKey;

export const columnLabel = Object.fromEntries(metricColumns) as Record<
  (typeof metricColumns)[number][0],
  string
>;

const number = new Intl.NumberFormat("en-US", { maximumFractionDigits: 1 });

export const formatNumber = (value: number) => number.format(value);

const count = (value: number, one: string, many: string) =>
  `${formatNumber(value)}\u00a0${value === 1 ? one : many}`;

type FigureDef = {
  /** Short name, for a chart's legend and a table's column. */
  short: string;
  /** The value as read on its own: "3", "$1,250", "45 min", "80%". */
  format: (value: number) => string;
  /** The size of a change, with its direction word: (2, "up") → "2 more incidents". */
  change: (size: number, direction: "up" | "down") => string;
  /** Which direction is an improvement. */
  better: "up" | "down";
};

const more = (direction: "up" | "down") => (direction === "up" ? "more" : "fewer");
// A no-break space between a number and its unit: a value written on a bar never breaks in two.
const minutes = (value: number) => `${formatNumber(value)}\u00a0min`;

export const figureDefs: Record<FigureKey, FigureDef> = {
  incidents: {
    short: "Incidents",
    format: formatNumber,
    change: (n, d) => `${formatNumber(n)} ${more(d)} ${n === 1 ? "incident" : "incidents"}`,
    better: "down",
  },
  downtimeMinutes: {
    short: "Downtime minutes",
    format: minutes,
    change: (n, d) => `${formatNumber(n)} ${more(d)} downtime ${n === 1 ? "minute" : "minutes"}`,
    better: "down",
  },
  costCents: {
    short: "Estimated cost",
    format: formatUsd,
    change: (n, d) => `${formatUsd(n)} ${d === "up" ? "more" : "less"} estimated cost`,
    better: "down",
  },
  medianMinutesToVendor: {
    short: "Minutes to first vendor contact",
    format: minutes,
    change: (n, d) => `${minutes(n)} ${d === "up" ? "longer" : "shorter"} to first vendor contact`,
    better: "down",
  },
  medianMinutesToRestore: {
    short: "Minutes to restore",
    format: minutes,
    change: (n, d) => `${minutes(n)} ${d === "up" ? "longer" : "shorter"} to restore`,
    better: "down",
  },
  backupTests: {
    short: "Done",
    format: formatNumber,
    change: (n, d) => `${formatNumber(n)} ${more(d)} backup ${n === 1 ? "test" : "tests"}`,
    better: "up",
  },
  backupTestsOnTime: {
    short: "On time",
    format: formatNumber,
    change: (n, d) => `${formatNumber(n)} ${more(d)} backup ${n === 1 ? "test" : "tests"} on time`,
    better: "up",
  },
  backupTestsPassed: {
    short: "Passed",
    format: formatNumber,
    change: (n, d) => `${formatNumber(n)} ${more(d)} backup ${n === 1 ? "test" : "tests"} passed`,
    better: "up",
  },
  reviews: {
    short: "Signed off",
    format: formatNumber,
    change: (n, d) => `${formatNumber(n)} ${more(d)} ${n === 1 ? "review" : "reviews"} signed off`,
    better: "up",
  },
  reviewsOnTime: {
    short: "On time",
    format: formatNumber,
    change: (n, d) => `${formatNumber(n)} ${more(d)} ${n === 1 ? "review" : "reviews"} on time`,
    better: "up",
  },
  urgentRisksOpen: {
    short: "Open at quarter end",
    format: formatNumber,
    change: (n, d) => `${formatNumber(n)} ${more(d)} urgent ${n === 1 ? "risk" : "risks"} open`,
    better: "down",
  },
  urgentRiskMedianAgeDays: {
    short: "Median age (days)",
    format: (v) => count(v, "day", "days"),
    change: (n, d) =>
      `${count(n, "day", "days")} ${d === "up" ? "older" : "younger"} median urgent risk`,
    better: "down",
  },
  planCompleteness: {
    short: "Plan completeness",
    format: (v) => `${formatNumber(v)}%`,
    change: (n, d) =>
      `${count(n, "point", "points")} ${d === "up" ? "higher" : "lower"} plan completeness`,
    better: "up",
  },
  plansCurrentPercent: {
    short: "Plans current",
    format: (v) => `${formatNumber(v)}%`,
    change: (n, d) =>
      `${count(n, "point", "points")} ${d === "up" ? "more" : "fewer"} plans within their review date`,
    better: "up",
  },
  vendorsVerifiedPercent: {
    short: "Vendor contacts verified",
    format: (v) => `${formatNumber(v)}%`,
    change: (n, d) =>
      `${count(n, "point", "points")} ${d === "up" ? "more" : "fewer"} vendor contacts verified`,
    better: "up",
  },
  plannedDowntimeMinutes: {
    short: "Planned maintenance",
    format: minutes,
    change: (n, d) => `${minutes(n)} ${more(d)} of planned maintenance`,
    better: "down",
  },
  maintenanceWindows: {
    short: "Maintenance windows",
    format: formatNumber,
    change: (n, d) => `${formatNumber(n)} ${more(d)} maintenance ${n === 1 ? "window" : "windows"}`,
    better: "down",
  },
  prepListsOnTime: {
    short: "Prep lists on time",
    format: formatNumber,
    change: (n, d) =>
      `${formatNumber(n)} ${more(d)} prep ${n === 1 ? "list" : "lists"} done on time`,
    better: "up",
  },
  drillsHeld: {
    short: "Drills held",
    format: formatNumber,
    change: (n, d) => `${formatNumber(n)} ${more(d)} ${n === 1 ? "drill" : "drills"} held`,
    better: "up",
  },
  patientsNotifiedDuringOutages: {
    short: "Patients notified",
    format: formatNumber,
    change: (n, d) =>
      `${formatNumber(n)} ${more(d)} ${n === 1 ? "patient" : "patients"} notified during outages`,
    better: "up",
  },
  cancellationsByReply: {
    short: "Cancelled by reply",
    format: formatNumber,
    change: (n, d) =>
      `${formatNumber(n)} ${more(d)} ${n === 1 ? "cancellation" : "cancellations"} handled by reply`,
    better: "up",
  },
  outagesWithOutreach: {
    short: "Outages with outreach",
    format: formatNumber,
    change: (n, d) =>
      `${formatNumber(n)} ${more(d)} ${n === 1 ? "outage" : "outages"} where outreach continued`,
    better: "up",
  },
  medianMinutesToFirstMessage: {
    short: "Minutes to first patient message",
    format: minutes,
    change: (n, d) =>
      `${minutes(n)} ${d === "up" ? "longer" : "shorter"} to the first patient message`,
    better: "down",
  },
  detectedOutageMinutes: {
    short: "Minutes detected by monitors",
    format: minutes,
    change: (n, d) => `${formatNumber(n)} ${more(d)} outage minutes detected by the monitors`,
    better: "up",
  },
  declaredOutageMinutes: {
    short: "Minutes declared",
    format: minutes,
    change: (n, d) => `${formatNumber(n)} ${more(d)} declared outage minutes`,
    better: "down",
  },
  medianMinutesDetectionToDeclaration: {
    short: "Minutes from detection to declaration",
    format: minutes,
    change: (n, d) =>
      `${minutes(n)} ${d === "up" ? "longer" : "shorter"} from detection to declaration`,
    better: "down",
  },
  seenFirstPercent: {
    short: "Seen before the practice called",
    format: (value) => `${formatNumber(value)}%`,
    change: (n, d) =>
      `${formatNumber(n)} points ${d === "up" ? "more" : "fewer"} outages seen before the practice called`,
    better: "up",
  },
};

export type TrendWords = {
  /** The whole sentence: "2 more incidents than 2026-Q3". */
  text: string;
  /** The change alone, for a table that names the quarters in its header: "2 more incidents". */
  change: string;
  direction: "up" | "down" | "same" | "none";
  verdict: "better" | "worse" | "same" | "none";
};

/** What it takes to put a change in words: how a change is written and which way is better. */
export type ChangeDef = Pick<FigureDef, "change" | "better"> & { label: string };

/**
 * A change between two quarters in words, with its direction and whether it is better or worse;
 * "no data" where one of the two has no figure.
 */
export function changeWords(
  def: ChangeDef,
  quarters: { latest: string; previous: string | null },
  values: { latest: number | null; previous: number | null },
  trend: QuarterlyMetrics["trends"][TrendKey],
): TrendWords {
  if (quarters.previous === null || !trend) {
    const text =
      quarters.previous === null
        ? "Nothing to compare with yet"
        : values.latest === null
          ? `No figure for ${quarters.latest} yet`
          : `No figure for ${quarters.previous} to compare with`;
    return {
      text,
      change: values.latest === null ? "No figure yet" : "Nothing to compare with",
      direction: "none",
      verdict: "none",
    };
  }
  if (trend.direction === "same")
    return {
      text: `${def.label}: no change from ${quarters.previous}`,
      change: "No change",
      direction: "same",
      verdict: "same",
    };
  const change = def.change(Math.abs(trend.change), trend.direction);
  return {
    text: `${change} than ${quarters.previous}`,
    change,
    direction: trend.direction,
    verdict: trend.direction === def.better ? "better" : "worse",
  };
}

/** The change of one figure in the latest quarter against the one before, in words. */
export function trendWords(key: FigureKey, metrics: QuarterlyMetrics): TrendWords {
  const latest = metrics.figures.at(-1)!;
  const previous = metrics.figures.at(-2) ?? null;
  return changeWords(
    { ...figureDefs[key], label: columnLabel[key] },
    { latest: latest.quarter, previous: previous?.quarter ?? null },
    { latest: latest[key], previous: previous ? previous[key] : null },
    metrics.trends[key],
  );
}

/**
 * Figures that have no value (null) when there is nothing to measure: for them 0 is a value worth
 * showing (0% of vendor contacts verified). The others are counts, where 0 is nothing recorded.
 */
const nullWhenNothing = new Set<FigureKey>([
  "medianMinutesToVendor",
  "medianMinutesToRestore",
  "urgentRiskMedianAgeDays",
  "planCompleteness",
  "plansCurrentPercent",
  "vendorsVerifiedPercent",
  "medianMinutesToFirstMessage",
  "medianMinutesDetectionToDeclaration",
  "seenFirstPercent",
]);

/**
 * What a chart of these figures would show: "some" values above zero (bars worth drawing), "zero"
 * in every quarter that has a figure, or "none": no figure at all.
 */
export function chartData(
  quarters: readonly Partial<Record<FigureKey, number | null>>[],
  keys: readonly FigureKey[],
): "some" | "zero" | "none" {
  const values = quarters.flatMap((quarter) =>
    keys.map((key) => quarter[key]).filter((value) => typeof value === "number"),
  );
  return values.some((value) => value !== 0) ? "some" : values.length > 0 ? "zero" : "none";
}

/** Whether any of these figures has something to show in the quarters given (a group worth its section). */
export function hasData(
  quarters: readonly Partial<Record<FigureKey, number | null>>[],
  keys: readonly FigureKey[],
): boolean {
  return quarters.some((quarter) =>
    keys.some((key) => {
      const value = quarter[key];
      return typeof value === "number" && (value !== 0 || nullWhenNothing.has(key));
    }),
  );
}

/** Figures in percent, whose changes are in points. */
const percentFigures = new Set<FigureKey>([
  "planCompleteness",
  "plansCurrentPercent",
  "vendorsVerifiedPercent",
  "seenFirstPercent",
]);

/**
 * A change written short, for a table whose row already names the figure: "+2", "−145 min",
 * "+30 pts", "no change", and "no data" where one of the two quarters has no figure.
 */
export function signedChange(key: FigureKey, words: TrendWords, change: number | null): string {
  if (words.direction === "none")
    return words.change === "No figure yet" ? "no data yet" : "no data to compare";
  if (words.direction === "same" || change === null) return "no change";
  const size = Math.abs(change);
  const amount = percentFigures.has(key)
    ? `${formatNumber(size)}\u00a0${size === 1 ? "pt" : "pts"}`
    : figureDefs[key].format(size);
  return `${change > 0 ? "+" : "\u2212"}${amount}`;
}

/** A figure's value, or a dash where there is none (a median of no incidents, completeness with no published plan). */
export function figureValue(key: FigureKey, figures: QuarterFigures): string {
  const value = figures[key];
  return value === null ? "—" : figureDefs[key].format(value);
}

export const causeLabel = (cause: string) => incidentCauseLabels[cause as IncidentCause] ?? cause;

export const causesText = (causes: QuarterFigures["topCauses"]) =>
  causes.map((row) => `${causeLabel(row.cause)} (${row.count})`).join("; ");
