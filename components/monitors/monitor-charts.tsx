"use client";

import { Bar, BarChart, CartesianGrid, Line, LineChart, XAxis, YAxis } from "recharts";
import { formatClock } from "@/components/ui/format";
import { formatAvailability } from "@/server/domain/monitor-rollup";
import { dateTimeFormat } from "@/server/domain/intl-formats";

export type ChartBucket = {
  start: string;
  checks: number;
  downChecks: number;
  availability: number | null;
  meanLatencyMs: number | null;
  maxLatencyMs: number | null;
};

const ink = "#195a63";
const down = "#b91c1c";

const utcDay = (iso: string) =>
  dateTimeFormat("en-US", { timeZone: "UTC", month: "short", day: "numeric" }).format(
    new Date(iso),
  );

/** What the charts say, in a sentence: the label screen readers hear and everyone can read. */
export function chartSummary(buckets: readonly ChartBucket[], period: string) {
  const checks = buckets.reduce((sum, bucket) => sum + bucket.checks, 0);
  if (checks === 0) return `No checks in the last ${period}.`;
  const failed = buckets.reduce((sum, bucket) => sum + bucket.downChecks, 0);
  const answered = buckets.filter((bucket) => bucket.meanLatencyMs !== null);
  const worst = Math.max(0, ...answered.map((bucket) => bucket.maxLatencyMs ?? 0));
  const typical = answered.length
    ? Math.round(answered.reduce((sum, bucket) => sum + bucket.meanLatencyMs!, 0) / answered.length)
    : null;
  return `Last ${period}: ${checks.toLocaleString("en-US")} check${checks === 1 ? "" : "s"}, available ${formatAvailability((checks - failed) / checks)} (${failed} failed)${typical === null ? "" : `; response time about ${typical} ms on average, ${worst} ms at worst`}.`;
}

/**
 * A monitor's response time (a line of the mean per stretch) and availability (a bar per stretch)
 * for one period. Each chart is a picture for screen readers, labelled with its summary; the table
 * under it (open on request) has every figure.
 */
export function MonitorCharts({
  title,
  period,
  buckets,
  timeZone,
  byDay,
}: {
  title: string;
  period: string;
  buckets: ChartBucket[];
  timeZone: string;
  /** 30 days: the buckets are UTC days; otherwise times of day in the practice's zone. */
  byDay: boolean;
}) {
  const labelOf = (iso: string) => (byDay ? utcDay(iso) : formatClock(new Date(iso), timeZone));
  const rows = buckets.map((bucket) => ({
    label: labelOf(bucket.start),
    latency: bucket.meanLatencyMs,
    availability:
      bucket.availability === null ? null : Math.floor(bucket.availability * 10_000) / 100,
    // The failed share stacked on the answered one, hatched red: a bucket of failures still shows.
    failed:
      bucket.availability === null ? null : 100 - Math.floor(bucket.availability * 10_000) / 100,
  }));
  const lowest = Math.min(
    100,
    ...rows.flatMap((row) => (row.availability === null ? [] : [row.availability])),
  );
  const floor = lowest >= 99 ? 99 : lowest >= 90 ? 90 : 0;
  const summary = chartSummary(buckets, period);
  const tick = { fontSize: 11, fill: "#475569" };
  const interval = Math.max(0, Math.ceil(rows.length / 8) - 1);
  return (
    <section
      aria-labelledby={`${period}-title`}
      className="rounded-lg border border-slate-200 bg-white p-4"
    >
      <h2 id={`${period}-title`} className="text-base font-semibold text-slate-900">
        {title}
      </h2>
      <p className="mt-1 text-sm text-slate-700">{summary}</p>
      <div className="mt-3 grid gap-4 lg:grid-cols-2">
        <figure>
          <figcaption className="mb-1 text-sm font-medium text-slate-800">
            Response time (mean, ms)
          </figcaption>
          <div role="img" aria-label={`Response time, ${summary}`} className="h-48 w-full">
            <LineChart
              responsive
              accessibilityLayer={false}
              data={rows}
              margin={{ top: 8, right: 8, bottom: 4, left: 0 }}
              style={{ width: "100%", height: "100%" }}
            >
              <CartesianGrid vertical={false} stroke="#e2e8f0" />
              <XAxis dataKey="label" tick={tick} interval={interval} tickLine={false} />
              <YAxis
                width={44}
                tick={tick}
                axisLine={false}
                tickLine={false}
                allowDecimals={false}
              />
              <Line
                dataKey="latency"
                stroke={ink}
                strokeWidth={2}
                dot={rows.length <= 31 ? { r: 2.5, fill: ink } : false}
                connectNulls={false}
                isAnimationActive={false}
              />
            </LineChart>
          </div>
        </figure>
        <figure>
          <figcaption className="mb-1 text-sm font-medium text-slate-800">
            Availability (% of checks answered; hatched red: a failed check)
          </figcaption>
          <div role="img" aria-label={`Availability, ${summary}`} className="h-48 w-full">
            <BarChart
              responsive
              accessibilityLayer={false}
              data={rows}
              margin={{ top: 8, right: 8, bottom: 4, left: 0 }}
              barCategoryGap="10%"
              style={{ width: "100%", height: "100%" }}
            >
              <defs>
                <pattern
                  id={`${period}-down`}
                  patternUnits="userSpaceOnUse"
                  width="6"
                  height="6"
                  patternTransform="rotate(45)"
                >
                  <rect width="6" height="6" fill="#fff" />
                  <rect width="3" height="6" fill={down} />
                </pattern>
              </defs>
              <CartesianGrid vertical={false} stroke="#e2e8f0" />
              <XAxis dataKey="label" tick={tick} interval={interval} tickLine={false} />
              <YAxis
                width={44}
                tick={tick}
                domain={[floor, 100]}
                axisLine={false}
                tickLine={false}
              />
              <Bar
                dataKey="availability"
                name="Answered"
                stackId="share"
                fill={ink}
                isAnimationActive={false}
              />
              <Bar
                dataKey="failed"
                name="Failed"
                stackId="share"
                fill={`url(#${period}-down)`}
                stroke={down}
                isAnimationActive={false}
              />
            </BarChart>
          </div>
        </figure>
      </div>
      <details className="mt-3 text-sm">
        <summary className="cursor-pointer font-medium text-teal-800">
          The figures as a table
        </summary>
        <div className="mt-2 max-h-80 overflow-auto">
          <table className="w-full text-left">
            <caption className="sr-only">{title}: checks, availability and response time</caption>
            <thead className="sticky top-0 bg-slate-50 text-xs uppercase tracking-wide text-slate-600">
              <tr>
                <th scope="col" className="px-2 py-1.5">
                  {byDay ? "Day (UTC)" : "From"}
                </th>
                <th scope="col" className="px-2 py-1.5">
                  Checks
                </th>
                <th scope="col" className="px-2 py-1.5">
                  Failed
                </th>
                <th scope="col" className="px-2 py-1.5">
                  Availability
                </th>
                <th scope="col" className="px-2 py-1.5">
                  Mean
                </th>
                <th scope="col" className="px-2 py-1.5">
                  Slowest
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {buckets.map((bucket, index) => (
                <tr key={bucket.start}>
                  <th scope="row" className="px-2 py-1 font-normal">
                    {rows[index]!.label}
                  </th>
                  <td className="px-2 py-1">{bucket.checks}</td>
                  <td className="px-2 py-1">{bucket.downChecks}</td>
                  <td className="px-2 py-1">
                    {bucket.checks ? formatAvailability(bucket.availability) : "—"}
                  </td>
                  <td className="px-2 py-1">
                    {bucket.meanLatencyMs === null ? "—" : `${bucket.meanLatencyMs} ms`}
                  </td>
                  <td className="px-2 py-1">
                    {bucket.maxLatencyMs === null ? "—" : `${bucket.maxLatencyMs} ms`}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </section>
  );
}
