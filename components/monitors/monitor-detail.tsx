"use client";

import { useSuspenseQuery } from "@tanstack/react-query";
import { ArrowLeft } from "lucide-react";
import { useTRPC } from "@/components/trpc/client";
import { formatMoment } from "@/components/ui/format";
import Link from "@/components/ui/link";
import { monitorKindLabels, monitorStatusLabels } from "@/server/contracts/monitors";
import { formatAvailability } from "@/server/domain/monitor-rollup";
import { MonitorCharts } from "./monitor-charts";
import { MonitorStatusBadge } from "./monitor-status";

const outcomeLabels = { up: "Up", degraded: "Degraded", down: "Failed" } as const;

/** One monitor: its state, what it checks, its charts for 24 hours and 30 days, and its last results. */
export function MonitorDetail({
  practiceId,
  monitorId,
  timeZone,
}: {
  practiceId: string;
  monitorId: string;
  timeZone: string;
}) {
  const trpc = useTRPC();
  const { data } = useSuspenseQuery(trpc.monitors.get.queryOptions({ practiceId, monitorId }));
  const { data: history } = useSuspenseQuery(
    trpc.monitors.history.queryOptions({ practiceId, monitorId }),
  );
  const { monitor, recent } = data;
  return (
    <div className="space-y-4">
      <Link
        href={`/practices/${practiceId}/monitors`}
        className="inline-flex items-center gap-1 text-sm text-teal-800 underline-offset-2 hover:underline"
      >
        <ArrowLeft aria-hidden className="size-4" /> All monitors of the practice
      </Link>
      <section
        aria-label="State"
        className="space-y-2 rounded-lg border border-slate-200 bg-white p-4"
      >
        <div className="flex flex-wrap items-center gap-2">
          <h2 className="text-lg font-semibold text-slate-900">{monitor.name}</h2>
          <MonitorStatusBadge status={monitor.status} />
          <span className="text-sm text-slate-600">
            since {formatMoment(monitor.statusChangedAt, timeZone)}
          </span>
        </div>
        <dl className="grid gap-x-6 gap-y-1 text-sm sm:grid-cols-[auto_1fr]">
          <dt className="text-slate-600">Watches</dt>
          <dd>{monitor.systemName}</dd>
          <dt className="text-slate-600">Checks</dt>
          <dd className="break-all">
            {monitorKindLabels[monitor.kind]}
            {monitor.target
              ? ` · ${monitor.target}${monitor.port ? `:${monitor.port}` : ""}`
              : ""}{" "}
            · every {monitor.intervalSeconds} s
          </dd>
          <dt className="text-slate-600">Last 24 hours</dt>
          <dd>{formatAvailability(data.availability24h)} available</dd>
          <dt className="text-slate-600">Last check</dt>
          <dd>
            {monitor.lastCheckedAt
              ? `${formatMoment(monitor.lastCheckedAt, timeZone)}${monitor.lastLatencyMs !== null ? ` · ${monitor.lastLatencyMs} ms` : ""}`
              : "Waiting for its first check."}
            {monitor.lastError && <span className="block text-red-800">{monitor.lastError}</span>}
          </dd>
          {monitor.maintenanceWindowId && (
            <>
              <dt className="text-slate-600">Maintenance</dt>
              <dd>
                <Link
                  href={`/practices/${practiceId}/maintenance/${monitor.maintenanceWindowId}`}
                  className="font-medium text-teal-800 underline underline-offset-2"
                >
                  A planned maintenance window
                </Link>{" "}
                covers its system: failures are recorded as maintenance and open no suspected outage
                until it ends.
              </dd>
            </>
          )}
          {monitor.status === "paused" && (
            <>
              <dt className="text-slate-600">{monitorStatusLabels.paused}</dt>
              <dd>
                {monitor.pausedReason}
                {monitor.pausedUntil
                  ? ` (until ${formatMoment(monitor.pausedUntil, timeZone)})`
                  : ""}
              </dd>
            </>
          )}
        </dl>
      </section>
      <MonitorCharts
        title="Last 24 hours"
        period="24 hours"
        buckets={history.day}
        timeZone={timeZone}
        byDay={false}
      />
      <MonitorCharts
        title="Last 30 days"
        period="30 days"
        buckets={history.month}
        timeZone={timeZone}
        byDay
      />
      <section
        aria-labelledby="recent-title"
        className="rounded-lg border border-slate-200 bg-white p-4"
      >
        <h2 id="recent-title" className="text-base font-semibold text-slate-900">
          Last results
        </h2>
        {recent.length === 0 ? (
          <p className="mt-1 text-sm text-slate-600">No results yet.</p>
        ) : (
          <div className="mt-2 max-h-96 overflow-auto">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">The monitor&apos;s last {recent.length} results</caption>
              <thead className="sticky top-0 bg-slate-50 text-xs uppercase tracking-wide text-slate-600">
                <tr>
                  <th scope="col" className="px-2 py-1.5">
                    Checked
                  </th>
                  <th scope="col" className="px-2 py-1.5">
                    Result
                  </th>
                  <th scope="col" className="px-2 py-1.5">
                    Response time
                  </th>
                  <th scope="col" className="px-2 py-1.5">
                    Error
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {recent.map((result) => (
                  <tr key={String(result.dueAt)}>
                    <td className="whitespace-nowrap px-2 py-1">
                      {formatMoment(result.checkedAt, timeZone)}
                    </td>
                    <td className="px-2 py-1">
                      {outcomeLabels[result.outcome]}
                      {result.maintenanceWindowId ? (
                        <span className="block text-xs text-slate-600">planned maintenance</span>
                      ) : null}
                    </td>
                    <td className="px-2 py-1">
                      {result.latencyMs === null ? "—" : `${result.latencyMs} ms`}
                    </td>
                    <td className="break-all px-2 py-1 text-slate-700">{result.error ?? ""}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
