import { changeWords, figureDefs, formatNumber, type ChangeDef, type TrendWords } from "./figures";
import type { QuarterlyMetrics } from "./types";

export type Headline = QuarterlyMetrics["headline"][number];
type HeadlineKey = Headline["key"];

const percent = (value: number) => `${formatNumber(value)}%`;

/** How each headline number is named, written and compared. */
export const headlineDefs: Record<
  HeadlineKey,
  ChangeDef & {
    format: (value: number) => string;
    /** Under the number: what it is made of. */
    detail: (figure: Headline) => string;
    /** Where there is no figure yet, why. */
    none: (quarter: string) => string;
  }
> = {
  downtimeMinutes: {
    ...figureDefs.downtimeMinutes,
    label: "Downtime",
    detail: ({ detail }) =>
      !detail || detail.count === 0
        ? "No unplanned outage"
        : `In ${formatNumber(detail.count)} unplanned ${detail.count === 1 ? "outage" : "outages"}`,
    none: (quarter) => `No outage recorded in ${quarter}.`,
  },
  planCompleteness: {
    ...figureDefs.planCompleteness,
    label: "Plan completeness",
    detail: () => "Of the published downtime plans",
    none: () => "No downtime plan published yet.",
  },
  restoreTestsPassedPercent: {
    label: "Restore tests passed",
    format: percent,
    change: (n, d) =>
      `${formatNumber(n)}\u00a0${n === 1 ? "point" : "points"} ${d === "up" ? "more" : "fewer"} restore tests passed`,
    better: "up",
    detail: ({ detail }) =>
      detail
        ? `${formatNumber(detail.count)} of ${formatNumber(detail.of ?? 0)} restore tests`
        : "",
    none: (quarter) => `No backup restore test recorded in ${quarter} yet.`,
  },
};

/** A headline number's change against the quarter before, in words ("no data yet" where one side has none). */
export function headlineWords(figure: Headline, metrics: QuarterlyMetrics): TrendWords {
  const latest = metrics.figures.at(-1)!.quarter;
  const previous = metrics.figures.at(-2)?.quarter ?? null;
  const words = changeWords(
    headlineDefs[figure.key],
    { latest, previous },
    { latest: figure.value, previous: figure.previous },
    figure.trend,
  );
  if (words.direction !== "none") return words;
  const text =
    previous === null
      ? "Nothing to compare with yet"
      : figure.value === null
        ? `No data yet for ${latest}`
        : `No data for ${previous} to compare with`;
  return { ...words, text };
}
