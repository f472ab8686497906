"use client";

import { useSuspenseQuery } from "@tanstack/react-query";
import { Download } from "lucide-react";
import { Fragment } from "react";
import { Bar, BarChart, CartesianGrid, LabelList, XAxis, YAxis } from "recharts";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { useHydrated } from "@/components/ui/use-hydrated";
import { downloadText } from "@/components/vendors/csv-export";
import { metricsCsv, metricsCsvFilename } from "./csv";
import { figureGroups, patterns, type ChartDef, type GroupDef } from "./figure-groups";
import {
  causeLabel,
  causesText,
  chartData,
  columnLabel,
  figureDefs,
  figureValue,
  formatNumber,
  hasData,
  trendWords,
  type FigureKey,
} from "./figures";
import { MetricsHeadline } from "./headline";
import { formatUsd } from "@/components/ui/format";
import { compact, QuarterChart, type ChartRow } from "./quarter-chart";
import { TrendText } from "./trend";
import type { QuarterlyMetrics } from "./types";

const usdAxis = (dollars: number) => `$${compact(dollars)}`;
const percentAxis = (value: number) => `${value}%`;

function chartRows(data: QuarterlyMetrics, figures: FigureKey[], scale = 1): ChartRow[] {
  return data.figures.map((quarter) => ({
    quarter: quarter.quarter,
    ...Object.fromEntries(
      figures.map((key) => [key, quarter[key] === null ? null : quarter[key] / scale]),
    ),
  }));
}

function FigureChart({ data, chart }: { data: QuarterlyMetrics; chart: ChartDef }) {
  const first = figureDefs[chart.figures[0]!];
  // Money is charted in dollars, so the axis gets round dollar ticks.
  const dollars = chart.axis === "usd";
  return (
    <QuarterChart
      rows={chartRows(data, chart.figures, dollars ? 100 : 1)}
      series={chart.figures.map((key, index) => ({
        key,
        name: figureDefs[key].short,
        pattern: patterns[index]!,
      }))}
      label={`${chart.label}, ${data.quarters[0]} to ${data.quarters.at(-1)}. The table of figures below lists every value.`}
      // On the bars, plain numbers (the unit is in the chart's title or legend), so neighbours never overlap.
      format={
        dollars
          ? (value) => formatUsd(Math.round(value * 100))
          : chart.axis === "percent"
            ? first.format
            : formatNumber
      }
      axisFormat={dollars ? usdAxis : chart.axis === "percent" ? percentAxis : undefined}
    />
  );
}

/** A chart with bars to draw; otherwise one line that says why there are none. */
function ChartOrLine({ data, chart }: { data: QuarterlyMetrics; chart: ChartDef }) {
  const shown = chartData(data.figures, chart.figures);
  if (shown === "some") return <FigureChart data={data} chart={chart} />;
  const span = `${data.quarters[0]} to ${data.quarters.at(-1)}`;
  return (
    <p className="rounded-md border border-dashed border-slate-300 px-3 py-2 text-sm text-slate-600">
      {shown === "zero"
        ? `Nothing to chart: 0 in every quarter from ${span} (the table below has each quarter).`
        : `No data yet: nothing to chart from ${span}.`}
    </p>
  );
}

/** The figures of one group, quarter by quarter, as a table (what the chart shows, readable without it). */
function FiguresTable({ data, group }: { data: QuarterlyMetrics; group: GroupDef }) {
  return (
    <details className="mt-3 rounded-md border border-slate-200">
      <summary className="flex min-h-10 cursor-pointer items-center rounded-md px-3 text-sm font-medium text-brand-700 hover:bg-slate-50">
        Show as table
      </summary>
      <div className="overflow-x-auto border-t border-slate-200">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">{group.title}, per quarter</caption>
          <thead className="bg-slate-50 text-xs text-slate-600">
            <tr>
              <th scope="col" className="px-3 py-2 font-medium">
                Quarter
              </th>
              {group.figures.map((key) => (
                <th key={key} scope="col" className="px-3 py-2 text-right font-medium">
                  {columnLabel[key]}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {[...data.figures].reverse().map((quarter) => (
              <tr key={quarter.quarter}>
                <th
                  scope="row"
                  className="whitespace-nowrap px-3 py-1.5 font-medium text-slate-800"
                >
                  {quarter.quarter}
                </th>
                {group.figures.map((key) => (
                  <td key={key} className="px-3 py-1.5 text-right tabular-nums">
                    {figureValue(key, quarter)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}

function Latest({ data, figure }: { data: QuarterlyMetrics; figure: FigureKey }) {
  const latest = data.figures.at(-1)!;
  return (
    <div className="min-w-0">
      <dt className="text-sm text-slate-600">
        {columnLabel[figure]}, {latest.quarter}
      </dt>
      <dd>
        <span className="block text-2xl font-semibold tabular-nums text-slate-900">
          {figureValue(figure, latest)}
        </span>
        <TrendText words={trendWords(figure, data)} />
      </dd>
    </div>
  );
}

function FigureGroupSection({ data, group }: { data: QuarterlyMetrics; group: GroupDef }) {
  return (
    <section
      aria-labelledby={`metrics-${group.id}`}
      className="min-w-0 rounded-lg border border-slate-200 bg-white p-4"
    >
      <h2 id={`metrics-${group.id}`} className="text-base font-semibold text-slate-900">
        {group.title}
      </h2>
      <p className="mt-0.5 text-sm text-slate-600">{group.description}</p>
      <dl className="mt-3 grid gap-3 sm:grid-cols-2">
        {group.figures.map((figure) => (
          <Latest key={figure} data={data} figure={figure} />
        ))}
      </dl>
      <div
        className={`mt-4 grid gap-4 ${group.charts.length > 1 ? "md:grid-cols-2 xl:grid-cols-1" : ""}`}
      >
        {group.charts.map((chart) => (
          <div key={chart.label}>
            {group.charts.length > 1 && (
              <h3 className="mb-1 text-sm font-medium text-slate-700">
                {figureDefs[chart.figures[0]!].short}
              </h3>
            )}
            <ChartOrLine data={data} chart={chart} />
          </div>
        ))}
      </div>
      <FiguresTable data={data} group={group} />
    </section>
  );
}

/** Each cause named in the quarters' top three, added up over the eight quarters, most frequent first. */
function causeTotals(data: QuarterlyMetrics) {
  const totals = new Map<string, number>();
  for (const quarter of data.figures)
    for (const row of quarter.topCauses)
      totals.set(row.cause, (totals.get(row.cause) ?? 0) + row.count);
  return [...totals.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([cause, count]) => ({ cause: causeLabel(cause), count }));
}

/** Groups whose figures are all empty in the eight quarters: one line each, instead of empty charts. */
function NoDataYet({ data, groups }: { data: QuarterlyMetrics; groups: GroupDef[] }) {
  return (
    <section
      aria-labelledby="metrics-no-data"
      className="min-w-0 rounded-lg border border-slate-200 bg-white p-4 xl:col-span-2"
    >
      <h2 id="metrics-no-data" className="text-base font-semibold text-slate-900">
        No data yet
      </h2>
      <p className="mt-0.5 text-sm text-slate-600">
        Nothing recorded from {data.quarters[0]} to {data.quarters.at(-1)}; each appears here with
        its chart once there is.
      </p>
      <ul className="mt-2 divide-y divide-slate-100 text-sm">
        {groups.map((group) => (
          <li key={group.id} className="py-1.5">
            <span className="font-medium text-slate-900">{group.title}:</span>{" "}
            <span className="text-slate-700">{group.none}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Repeated causes: how often each cause was among a quarter's top three, over the eight quarters. */
function CausesSection({ data }: { data: QuarterlyMetrics }) {
  const rows = causeTotals(data);
  const latest = data.figures.at(-1)!;
  const top = latest.topCauses[0];
  return (
    <section
      aria-labelledby="metrics-causes"
      className="min-w-0 rounded-lg border border-slate-200 bg-white p-4"
    >
      <h2 id="metrics-causes" className="text-base font-semibold text-slate-900">
        Repeated causes
      </h2>
      <p className="mt-0.5 text-sm text-slate-600">
        Causes named in post-incident reviews: each quarter&apos;s top three, added up over the
        eight quarters.
      </p>
      <p className="mt-3 text-sm text-slate-800">
        {top ? (
          <>
            Most common in {latest.quarter}:{" "}
            <strong className="font-semibold">{causeLabel(top.cause)}</strong> ({top.count}{" "}
            {top.count === 1 ? "incident" : "incidents"})
          </>
        ) : (
          `No cause recorded for ${latest.quarter} yet.`
        )}
      </p>
      <div
        role="img"
        aria-label={`Incidents by cause over the eight quarters: ${rows.map((row) => `${row.cause} ${row.count}`).join(", ")}.`}
        className="mt-3 w-full"
        style={{ height: 48 + rows.length * 34 }}
      >
        <BarChart
          responsive
          accessibilityLayer={false}
          layout="vertical"
          data={rows}
          margin={{ top: 4, right: 28, bottom: 4, left: 4 }}
          style={{ width: "100%", height: "100%" }}
        >
          <CartesianGrid horizontal={false} stroke="#e2e8f0" />
          <XAxis type="number" allowDecimals={false} tick={{ fontSize: 11, fill: "#475569" }} />
          <YAxis
            type="category"
            dataKey="cause"
            width={96}
            tick={{ fontSize: 12, fill: "#0f172a" }}
            tickLine={false}
          />
          <Bar
            dataKey="count"
            name="Incidents"
            fill="#195a63"
            isAnimationActive={false}
            maxBarSize={22}
          >
            <LabelList dataKey="count" position="right" fontSize={11} fill="#0f172a" />
          </Bar>
        </BarChart>
      </div>
      <details className="mt-3 rounded-md border border-slate-200">
        <summary className="flex min-h-10 cursor-pointer items-center rounded-md px-3 text-sm font-medium text-brand-700 hover:bg-slate-50">
          Show as table
        </summary>
        <div className="overflow-x-auto border-t border-slate-200">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Top causes, per quarter</caption>
            <thead className="bg-slate-50 text-xs text-slate-600">
              <tr>
                <th scope="col" className="px-3 py-2 font-medium">
                  Quarter
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  {columnLabel.topCauses} (incidents)
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {[...data.figures].reverse().map((quarter) => (
                <tr key={quarter.quarter}>
                  <th
                    scope="row"
                    className="whitespace-nowrap px-3 py-1.5 font-medium text-slate-800"
                  >
                    {quarter.quarter}
                  </th>
                  <td className="px-3 py-1.5">{causesText(quarter.topCauses) || "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </section>
  );
}

/** Leadership's quarterly figures for the chosen scope: a section per group of figures, each with its trend, chart and table. */
export function MetricsDashboard({
  practiceId,
  scopeName,
}: {
  practiceId: string | null;
  scopeName: string;
}) {
  const trpc = useTRPC();
  const hydrated = useHydrated();
  const { data } = useSuspenseQuery(
    trpc.metrics.quarterly.queryOptions(practiceId ? { practiceId } : {}),
  );
  const latest = data.figures.at(-1)!;
  const withData = figureGroups.filter((group) => hasData(data.figures, group.figures));
  const empty = figureGroups.filter((group) => !withData.includes(group));
  const causesRecorded = causeTotals(data).length > 0;
  const causes: GroupDef = {
    id: "causes",
    title: "Repeated causes",
    description: "",
    none: "No cause named in a post-incident review.",
    figures: [],
    charts: [],
  };

  return (
    <div className="grid gap-4 xl:grid-cols-2 xl:items-start">
      <MetricsHeadline metrics={data} />
      <div className="flex flex-col gap-3 rounded-lg xl:col-span-2 border border-slate-200 bg-white p-4 sm:flex-row sm:items-center sm:justify-between">
        <div className="text-sm text-slate-700">
          <p>
            <span className="font-medium text-slate-900">{scopeName}</span>: eight quarters,{" "}
            {data.quarters[0]} to {latest.quarter}. Changes compare {latest.quarter} (so far) with{" "}
            {data.quarters.at(-2)}.
          </p>
        </div>
        <Button
          variant="secondary"
          disabled={!hydrated}
          onClick={() => downloadText(metricsCsvFilename(data, scopeName), metricsCsv(data))}
        >
          <Download aria-hidden className="size-4" /> Download CSV
        </Button>
      </div>
      {withData.map((group) => (
        <Fragment key={group.id}>
          <FigureGroupSection data={data} group={group} />
          {group.id === "response" && causesRecorded && <CausesSection data={data} />}
        </Fragment>
      ))}
      {causesRecorded && !withData.some((group) => group.id === "response") && (
        <CausesSection data={data} />
      )}
      {(empty.length > 0 || !causesRecorded) && (
        <NoDataYet data={data} groups={causesRecorded ? empty : [...empty, causes]} />
      )}
    </div>
  );
}
