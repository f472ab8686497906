"use client";

import { useQuery } from "@tanstack/react-query";
import { Activity, CircleCheck } from "lucide-react";
import { MonitorStatusBadge } from "@/components/monitors/monitor-status";
import { useTRPC } from "@/components/trpc/client";
import { Panel } from "./panel";

/**
 * The live state of the monitors on the incident's down systems. When every one is back up, a
 * visible suggestion to resolve: only a suggestion, the people running the outage decide.
 */
export function IncidentMonitorsPanel({
  practiceId,
  incidentId,
  className = "",
}: {
  practiceId: string;
  incidentId: string;
  className?: string;
}) {
  const trpc = useTRPC();
  const { data } = useQuery({
    ...trpc.suspectedOutages.incidentMonitors.queryOptions({ practiceId, incidentId }),
    refetchInterval: 15_000,
  });
  if (!data || data.monitors.length === 0) return null;
  return (
    <Panel id="monitors" title="Monitors" icon={Activity} className={className}>
      {data.suggestResolve && (
        <p
          role="status"
          className="mb-3 flex items-start gap-2 rounded-md border-2 border-emerald-700 bg-emerald-50 px-3 py-2 text-sm text-emerald-950"
        >
          <CircleCheck aria-hidden className="mt-0.5 size-4 shrink-0" />
          Every monitor on what is down is back up. Check with the practice, then consider resolving
          the outage (set the status above).
        </p>
      )}
      <ul aria-label="Monitors on the systems that are down" className="divide-y divide-slate-100">
        {data.monitors.map((monitor) => (
          <li key={monitor.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
            <span className="text-sm">
              <span className="font-medium">{monitor.name}</span>{" "}
              <span className="text-slate-600">on {monitor.systemName}</span>
              {monitor.unreachableBecause && (
                <span className="block text-xs text-slate-600">{monitor.unreachableBecause}</span>
              )}
            </span>
            <MonitorStatusBadge status={monitor.status} />
          </li>
        ))}
      </ul>
    </Panel>
  );
}
