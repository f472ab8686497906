"use client";

import { useId } from "react";
import {
  Bar,
  BarChart,
  CartesianGrid,
  LabelList,
  XAxis,
  YAxis,
  type XAxisTickContentProps,
} from "recharts";

/** How a series is told apart without colour: a solid fill, diagonal hatching, or dots. */
export type SeriesPattern = "solid" | "hatch" | "dots";

export type ChartSeries = { key: string; name: string; pattern: SeriesPattern };

const compactNumber = new Intl.NumberFormat("en-US", {
  notation: "compact",
  maximumFractionDigits: 1,
});
export const compact = (value: number) => compactNumber.format(value);

/** Round axis ticks from 0 past the largest value, about four steps of 1, 2, 2.5 or 5 × a power of ten (whole numbers only). */
export function niceTicks(max: number): number[] {
  if (!(max > 4)) return [0, 1, 2, 3, 4];
  const raw = max / 4;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step =
    [1, 2, 2.5, 5, 10]
      .map((factor) => factor * magnitude)
      .find((candidate) => candidate >= raw && Number.isInteger(candidate)) ??
    Math.max(1, Math.ceil(raw));
  const top = Math.ceil(max / step) * step;
  return Array.from({ length: Math.round(top / step) + 1 }, (_, index) => index * step);
}

const ink = ["#195a63", "#9a3412", "#3730a3"] as const;

export type ChartRow = { quarter: string } & Record<string, number | string | null>;

/** "2026-Q4" as two lines, "Q4" over "2026", so eight quarters fit on a phone. */
function QuarterTick({ x, y, payload }: XAxisTickContentProps) {
  const [year, quarter] = String(payload.value).split("-");
  return (
    <text x={Number(x)} y={Number(y)} textAnchor="middle" fill="#334155" fontSize={11}>
      <tspan x={Number(x)} dy="0.9em" fontWeight={600}>
        {quarter}
      </tspan>
      <tspan x={Number(x)} dy="1.2em">
        {year}
      </tspan>
    </text>
  );
}

function Swatch({ pattern, color, id }: { pattern: SeriesPattern; color: string; id: string }) {
  return (
    <svg
      aria-hidden
      width="18"
      height="12"
      className="shrink-0 rounded-sm border"
      style={{ borderColor: color }}
    >
      <rect width="18" height="12" fill={pattern === "solid" ? color : `url(#${id})`} />
    </svg>
  );
}

function Patterns({ prefix }: { prefix: string }) {
  return (
    <defs>
      {ink.map((color, index) => (
        <g key={color}>
          <pattern
            id={`${prefix}-hatch-${index}`}
            patternUnits="userSpaceOnUse"
            width="6"
            height="6"
            patternTransform="rotate(45)"
          >
            <rect width="6" height="6" fill="#fff" />
            <rect width="3" height="6" fill={color} />
          </pattern>
          <pattern
            id={`${prefix}-dots-${index}`}
            patternUnits="userSpaceOnUse"
            width="5"
            height="5"
          >
            <rect width="5" height="5" fill="#fff" />
            <circle cx="2.5" cy="2.5" r="1.5" fill={color} />
          </pattern>
        </g>
      ))}
    </defs>
  );
}

/**
 * Bars per quarter for one or more series of the same unit, each value written on its bar, each
 * series with its own pattern as well as its colour, and a legend that shows both. The chart is a
 * picture for screen readers (its summary is its label); the table next to it has the numbers.
 */
export function QuarterChart({
  rows,
  series,
  label,
  format,
  axisFormat = compact,
  height = 220,
}: {
  rows: ChartRow[];
  series: ChartSeries[];
  label: string;
  format: (value: number) => string;
  /** The axis's ticks, shorter than the values written on the bars. */
  axisFormat?: (value: number) => string;
  height?: number;
}) {
  const prefix = `p${useId().replace(/[^a-zA-Z0-9]/g, "")}`;
  const fillOf = (pattern: SeriesPattern, index: number) =>
    pattern === "solid" ? ink[index] : `url(#${prefix}-${pattern}-${index})`;
  const valueLabel = (value: unknown) => (typeof value === "number" ? format(value) : "");
  const largest = Math.max(
    0,
    ...rows.flatMap((row) =>
      series
        .map((item) => row[item.key])
        .filter((value): value is number => typeof value === "number"),
    ),
  );
  const ticks = niceTicks(largest);
  return (
    <div>
      {series.length > 1 && (
        <svg aria-hidden width="0" height="0" className="absolute">
          <Patterns prefix={`${prefix}-legend`} />
        </svg>
      )}
      {series.length > 1 && (
        <ul aria-hidden className="mb-2 flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-700">
          {series.map((item, index) => (
            <li key={item.key} className="flex items-center gap-1.5">
              <Swatch
                pattern={item.pattern}
                color={ink[index]!}
                id={`${prefix}-legend-${item.pattern}-${index}`}
              />
              {item.name}
            </li>
          ))}
        </ul>
      )}
      <div role="img" aria-label={label} className="w-full" style={{ height }}>
        <BarChart
          responsive
          accessibilityLayer={false}
          data={rows}
          margin={{ top: 18, right: 4, bottom: 4, left: 0 }}
          barCategoryGap="18%"
          style={{ width: "100%", height: "100%" }}
        >
          <Patterns prefix={prefix} />
          <CartesianGrid vertical={false} stroke="#e2e8f0" />
          <XAxis
            dataKey="quarter"
            tick={QuarterTick}
            tickLine={false}
            axisLine={{ stroke: "#94a3b8" }}
            interval={0}
            height={34}
          />
          <YAxis
            allowDecimals={false}
            ticks={ticks}
            domain={[0, ticks.at(-1)!]}
            width={44}
            tick={{ fontSize: 11, fill: "#475569" }}
            tickFormatter={(value: number) => axisFormat(value)}
            axisLine={false}
            tickLine={false}
          />
          {series.map((item, index) => (
            <Bar
              key={item.key}
              dataKey={item.key}
              name={item.name}
              fill={fillOf(item.pattern, index)}
              stroke={ink[index]}
              strokeWidth={1}
              isAnimationActive={false}
              maxBarSize={36}
            >
              <LabelList
                dataKey={item.key}
                position="top"
                fontSize={10}
                fill="#0f172a"
                formatter={valueLabel}
              />
            </Bar>
          ))}
        </BarChart>
      </div>
    </div>
  );
}
