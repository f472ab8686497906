"use client";

import { useSuspenseQuery } from "@tanstack/react-query";
import { Activity } from "lucide-react";
import { useTRPC } from "@/components/trpc/client";
import { buttonClass } from "@/components/ui/button";
import { FilterForm } from "@/components/ui/filter-form";
import { EmptyState } from "@/components/ui/empty-state";
import { formatMoment } from "@/components/ui/format";
import Link from "@/components/ui/link";
import { Pagination } from "@/components/ui/pagination";
import {
  monitorKindLabels,
  monitorStatusLabels,
  type MonitorStatus,
} from "@/server/contracts/monitors";
import { MonitorStatusBadge } from "./monitor-status";
import { MSP_MONITORS_PAGE_SIZE, mspMonitorsHref, type MspMonitorsParams } from "./msp-params";

/** The order of the state filter: what needs someone first. */
const filterOrder: MonitorStatus[] = ["down", "pending", "degraded", "unknown", "up", "paused"];

const control =
  "block min-h-10 w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm";
const label = "mb-1 block text-sm font-medium";

/**
 * Every monitor the person may see across the MSP (a practice manager: their practice's), down
 * first, then failing and degraded; filtered by state and practice through a plain GET form.
 */
export function MspMonitors({ params }: { params: MspMonitorsParams }) {
  const trpc = useTRPC();
  const { data } = useSuspenseQuery(
    trpc.monitors.listAll.queryOptions({ ...params, pageSize: MSP_MONITORS_PAGE_SIZE }),
  );
  const filtered = params.status !== null || params.practiceId !== null;
  const all = Object.values(data.counts).reduce((sum, n) => sum + n, 0);
  const attention = data.counts.down + data.counts.pending + data.counts.degraded;
  return (
    <div className="space-y-3">
      <p className="text-sm text-slate-700" aria-live="polite">
        {all === 0
          ? "No monitors."
          : `${all} monitor${all === 1 ? "" : "s"}: ${data.counts.down} down, ${data.counts.pending} failing, ${data.counts.degraded} degraded${attention === 0 ? " — all well" : ""}.`}
      </p>
      <FilterForm
        action="/monitors"
        role="search"
        actionsClassName="flex gap-2"
        actions={
          filtered && (
            <Link href="/monitors" className={buttonClass("ghost")}>
              Clear
            </Link>
          )
        }
        aria-label="Filter monitors"
        className="grid gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-[1fr_1.5fr_auto] sm:items-end"
      >
        <div>
          <label htmlFor="monitor-status" className={label}>
            State
          </label>
          <select
            id="monitor-status"
            name="status"
            defaultValue={params.status ?? ""}
            className={control}
          >
            <option value="">All states</option>
            {filterOrder.map((status) => (
              <option key={status} value={status}>
                {monitorStatusLabels[status]} ({data.counts[status]})
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="monitor-practice" className={label}>
            Practice
          </label>
          <select
            id="monitor-practice"
            name="practice"
            defaultValue={params.practiceId ?? ""}
            className={control}
          >
            <option value="">All practices</option>
            {data.practices.map((practice) => (
              <option key={practice.id} value={practice.id}>
                {practice.name}
              </option>
            ))}
          </select>
        </div>
      </FilterForm>
      {data.items.length === 0 ? (
        <EmptyState icon={Activity} title={filtered ? "No monitors match" : "No monitors yet"}>
          {filtered
            ? "No monitor is in that state for that practice. Clear the filter to see them all."
            : "Add monitors from a practice's Monitors tab: start with the EHR's web address, or a heartbeat from the clinic's server."}
        </EmptyState>
      ) : (
        <ul
          aria-label="Monitors, down first"
          className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white"
        >
          {data.items.map((monitor) => (
            <li key={monitor.id} className="space-y-1 p-3" data-testid="msp-monitor">
              <div className="flex flex-wrap items-center gap-2">
                <MonitorStatusBadge status={monitor.status} />
                <Link
                  href={`/practices/${monitor.practiceId}/monitors/${monitor.id}`}
                  className="font-medium text-teal-800 underline-offset-2 hover:underline"
                >
                  {monitor.name}
                </Link>
                <span className="text-sm text-slate-600">
                  on {monitor.systemName} ·{" "}
                  <Link
                    href={`/practices/${monitor.practiceId}/monitors`}
                    className="text-slate-800 underline underline-offset-2"
                  >
                    {monitor.practiceName}
                  </Link>
                </span>
              </div>
              <p className="break-all text-sm text-slate-600">
                {monitorKindLabels[monitor.kind]}
                {monitor.target
                  ? ` · ${monitor.target}${monitor.port ? `:${monitor.port}` : ""}`
                  : ""}
              </p>
              {monitor.status === "paused" ? (
                <p className="text-sm text-slate-700">Paused: {monitor.pausedReason}</p>
              ) : monitor.lastCheckedAt ? (
                <p className="text-sm text-slate-600">
                  Last checked {formatMoment(monitor.lastCheckedAt, monitor.practiceTimezone)}
                  {monitor.lastLatencyMs !== null ? ` · ${monitor.lastLatencyMs} ms` : ""}
                  {monitor.lastError ? (
                    <span className="block text-red-800">{monitor.lastError}</span>
                  ) : null}
                </p>
              ) : (
                <p className="text-sm text-slate-600">Waiting for its first check.</p>
              )}
            </li>
          ))}
        </ul>
      )}
      <Pagination
        page={params.page}
        pageSize={MSP_MONITORS_PAGE_SIZE}
        total={data.total}
        hrefFor={(to) => mspMonitorsHref({ ...params, page: to })}
      />
    </div>
  );
}
