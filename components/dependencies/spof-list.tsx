"use client";

import { CheckCircle2, Crosshair } from "lucide-react";
import { CriticalityBadge } from "./criticality";
import type { MapData } from "./types";

/** Systems whose failure alone stops a critical system that has no stand-in. */
export function SpofList({
  map,
  onChoose,
}: {
  map: MapData;
  onChoose: (systemId: string) => void;
}) {
  const byId = new Map(map.systems.map((system) => [system.id, system]));
  const entries = map.singlePointsOfFailure
    .flatMap((entry) => {
      const system = byId.get(entry.systemId);
      if (!system) return [];
      // The systems it stops by name, then itself (a critical system with no stand-in) last.
      const stops = entry.stopsCritical
        .flatMap((id) => byId.get(id) ?? [])
        .sort(
          (a, b) =>
            Number(a.id === system.id) - Number(b.id === system.id) || a.name.localeCompare(b.name),
        );
      return [{ system, stops }];
    })
    .sort((a, b) => b.stops.length - a.stops.length || a.system.name.localeCompare(b.system.name));

  return (
    <section
      aria-labelledby="spof-title"
      className="rounded-lg border border-slate-200 bg-white p-4"
    >
      <h2 id="spof-title" className="flex items-center gap-1.5 text-base font-semibold">
        <Crosshair aria-hidden className="size-4 text-fuchsia-800" /> Single points of failure (
        {entries.length})
      </h2>
      <p className="text-sm text-slate-600">
        Each of these, failing alone, stops a critical system that has no stand-in.
      </p>
      {entries.length === 0 ? (
        <p className="mt-3 flex items-start gap-1.5 text-sm text-slate-700">
          <CheckCircle2 aria-hidden className="mt-0.5 size-4 shrink-0 text-emerald-700" />
          {map.systems.some((system) => system.criticality === "critical")
            ? "None: every critical system has a stand-in for what it needs."
            : "None yet: no system is marked critical."}
        </p>
      ) : (
        <>
          <ul
            aria-label="Single points of failure"
            className="mt-3 max-h-[32rem] divide-y divide-slate-100 overflow-y-auto rounded-md border border-slate-200"
          >
            {entries.map(({ system, stops }) => (
              <li key={system.id} className="px-3 py-2 text-sm">
                <div className="flex flex-wrap items-center gap-1.5">
                  <button
                    type="button"
                    aria-label={`${system.name}: show its impact`}
                    className="font-medium text-brand-700 underline-offset-2 hover:underline"
                    onClick={() => onChoose(system.id)}
                  >
                    {system.name}
                  </button>
                  <CriticalityBadge criticality={system.criticality} />
                </div>
                <p className="mt-0.5 text-slate-600">
                  Stops:{" "}
                  {stops
                    .map((stopped) =>
                      stopped.id === system.id
                        ? `${stopped.name} (itself, no stand-in)`
                        : stopped.name,
                    )
                    .join(", ")}
                </p>
              </li>
            ))}
          </ul>
          <p className="mt-2 text-xs text-slate-500">
            To clear one, add a redundant system (a second circuit, a spare switch) or a workaround,
            then mark them redundant.
          </p>
        </>
      )}
    </section>
  );
}
