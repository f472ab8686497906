import Papa from "papaparse";
import { metricColumns } from "@/server/contracts/metrics";
import { causesText } from "./figures";
import type { QuarterFigures, QuarterlyMetrics } from "./types";

type Column = (typeof metricColumns)[number][0];

/** One cell as a spreadsheet reads it: plain numbers, dollars with cents, blank where there is no figure. */
function cell(figures: QuarterFigures, column: Column): string | number {
  if (column === "topCauses") return causesText(figures.topCauses);
  if (column === "costCents") return (figures.costCents / 100).toFixed(2);
  const value = figures[column];
  return value === null ? "" : value;
}

/** The quarterly figures as CSV: a header row of the metric columns' labels, then one row per quarter, oldest first. */
export function metricsCsv(data: QuarterlyMetrics): string {
  return Papa.unparse(
    {
      fields: metricColumns.map(([, label]) => label),
      data: data.figures.map((figures) => metricColumns.map(([column]) => cell(figures, column))),
    },
    // Cells starting with =, +, - or @ are quoted so a spreadsheet never runs them as formulas.
    { escapeFormulae: true, newline: "\r\n" },
  );
}

const slug = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60) || "practices";

export function metricsCsvFilename(data: QuarterlyMetrics, scopeName: string): string {
  return `standby-metrics-${slug(scopeName)}-${data.quarters[0]}-to-${data.quarters.at(-1)}.csv`;
}
