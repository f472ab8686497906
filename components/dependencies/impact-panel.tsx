"use client";

import { CheckCircle2, PowerOff, Zap } from "lucide-react";
import { useId } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/skeleton";
import { CriticalityBadge } from "./criticality";
import type { ImpactData, MapSystem } from "./types";

/** "If X fails, what stops?": choose a system, see everything that depends on it, transitively. */
export function ImpactPanel({
  systems,
  systemId,
  onChoose,
  impact,
  loading,
  error,
}: {
  systems: MapSystem[];
  systemId: string;
  onChoose: (systemId: string) => void;
  impact: ImpactData | undefined;
  loading: boolean;
  error: string | null;
}) {
  const selectId = useId();
  const chosen = systems.find((system) => system.id === systemId);
  const sorted = [...systems].sort((a, b) => a.name.localeCompare(b.name));
  const standIns = chosen
    ? chosen.redundantWith.flatMap((id) => systems.find((system) => system.id === id)?.name ?? [])
    : [];
  const criticalCount =
    impact?.stops.filter((system) => system.criticality === "critical").length ?? 0;

  return (
    <section
      aria-labelledby={`${selectId}-title`}
      className="rounded-lg border border-slate-200 bg-white p-4"
    >
      <h2 id={`${selectId}-title`} className="flex items-center gap-1.5 text-base font-semibold">
        <Zap aria-hidden className="size-4 text-slate-500" /> Impact
      </h2>
      <p className="text-sm text-slate-600">
        Choose a system to see everything that stops if it fails.
      </p>
      <div className="mt-3 flex items-end gap-2">
        <div className="flex-1 space-y-1">
          <label htmlFor={selectId} className="block text-sm font-medium text-slate-800">
            If this system fails
          </label>
          <select
            id={selectId}
            value={chosen ? systemId : ""}
            onChange={(event) => onChoose(event.target.value)}
            className="block min-h-10 w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm"
          >
            <option value="">Choose a system</option>
            {sorted.map((system) => (
              <option key={system.id} value={system.id}>
                {system.name}
              </option>
            ))}
          </select>
        </div>
        {chosen && (
          <Button variant="ghost" onClick={() => onChoose("")}>
            Clear
          </Button>
        )}
      </div>
      {chosen && (
        <div className="mt-3" aria-live="polite">
          {error ? (
            <Alert tone="error">{error}</Alert>
          ) : loading || !impact ? (
            <div role="status" aria-label="Working out the impact" className="space-y-2">
              <Skeleton className="h-5 w-2/3" />
              <Skeleton className="h-5 w-1/2" />
            </div>
          ) : impact.stops.length === 0 ? (
            <p className="flex items-start gap-1.5 text-sm text-slate-700">
              <CheckCircle2 aria-hidden className="mt-0.5 size-4 shrink-0 text-emerald-700" />
              <span>
                Nothing else stops if {impact.system.name} fails.
                {standIns.length > 0 && ` ${standIns.join(", ")} can stand in for it.`}
              </span>
            </p>
          ) : (
            <>
              <p className="text-sm font-medium text-slate-900">
                If {impact.system.name} fails, these stop:
              </p>
              <p className="text-xs text-slate-500">
                {impact.stops.length} system{impact.stops.length === 1 ? "" : "s"}
                {criticalCount > 0 ? `, ${criticalCount} of them critical` : ""}.
              </p>
              <ul
                aria-label={`If ${impact.system.name} fails, these stop`}
                className="mt-2 divide-y divide-slate-100 rounded-md border border-slate-200"
              >
                {[...impact.stops]
                  .sort(
                    (a, b) =>
                      rank(a.criticality) - rank(b.criticality) || a.name.localeCompare(b.name),
                  )
                  .map((system) => (
                    <li
                      key={system.id}
                      className="flex items-center justify-between gap-2 px-3 py-1.5 text-sm"
                    >
                      <span className="flex min-w-0 items-center gap-1.5">
                        <PowerOff aria-hidden className="size-4 shrink-0 text-orange-700" />
                        <span className="truncate">{system.name}</span>
                      </span>
                      <CriticalityBadge criticality={system.criticality} />
                    </li>
                  ))}
              </ul>
            </>
          )}
        </div>
      )}
    </section>
  );
}

const rank = (criticality: string) =>
  criticality === "critical" ? 0 : criticality === "important" ? 1 : 2;
