"use client";

import { CircleAlert } from "lucide-react";
import { useMemo } from "react";
import { CriticalityBadge } from "@/components/dependencies/criticality";
import { categoryLabel, type MapData } from "@/components/dependencies/types";
import { stoppedBy } from "@/server/domain/dependency-graph";
import type { Criticality } from "@/server/contracts/dependencies";

const rank: Record<Criticality, number> = { critical: 0, important: 1, minor: 2 };

/** The category (when the name does not already say it) and the vendor: "Internet circuit · Front Range Fiber". */
function detailOf(system: MapData["systems"][number]): string {
  const category = categoryLabel(system.category);
  return [category.toLowerCase() === system.name.toLowerCase() ? null : category, system.vendorName]
    .filter(Boolean)
    .join(" · ");
}

/** Critical systems first, then important, then minor; by name within each. */
export function orderedSystems(map: MapData) {
  return [...map.systems].sort(
    (a, b) => rank[a.criticality] - rank[b.criticality] || a.name.localeCompare(b.name),
  );
}

/**
 * What is down, as big checkboxes (critical systems first), and what stops with it: everything that
 * depends on the chosen systems, worked out from the map as the person taps.
 */
export function SystemPicker({
  map,
  value,
  onChange,
  onBlur,
  error,
  legendId,
}: {
  map: MapData;
  value: string[];
  onChange: (value: string[]) => void;
  onBlur: () => void;
  error?: string;
  legendId: string;
}) {
  const systems = useMemo(() => orderedSystems(map), [map]);
  const chosen = new Set(value);
  const alsoAffected = useMemo(() => {
    const stopped = stoppedBy(
      { systems: map.systems, dependencies: map.dependencies, redundancies: map.redundancies },
      value,
    );
    return orderedSystems(map).filter(
      (system) => stopped.has(system.id) && !value.includes(system.id),
    );
  }, [map, value]);
  const errorId = `${legendId}-error`;

  return (
    <fieldset aria-describedby={error ? errorId : undefined} className="space-y-3">
      <legend id={legendId} className="text-base font-semibold text-slate-900">
        What is down?
      </legend>
      <p className="-mt-1 text-sm text-slate-600">
        Tap every system that has failed. Critical systems are listed first.
      </p>
      {error && (
        <p id={errorId} role="alert" className="flex items-center gap-1.5 text-sm text-red-700">
          <CircleAlert aria-hidden className="size-4 shrink-0" />
          {error}
        </p>
      )}
      <ul className="grid gap-2 sm:grid-cols-2 lg:grid-cols-3">
        {systems.map((system) => {
          const checked = chosen.has(system.id);
          const id = `down-${system.id}`;
          return (
            <li key={system.id}>
              <label
                htmlFor={id}
                className={`flex min-h-12 cursor-pointer items-center gap-3 rounded-lg border-2 px-3 py-2 has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-brand-600 ${
                  checked
                    ? "border-red-700 bg-red-50"
                    : "border-slate-200 bg-white hover:border-slate-400"
                }`}
              >
                <input
                  id={id}
                  type="checkbox"
                  className="size-5 shrink-0 accent-red-700"
                  checked={checked}
                  onBlur={onBlur}
                  onChange={(event) =>
                    onChange(
                      event.target.checked
                        ? [...value, system.id]
                        : value.filter((other) => other !== system.id),
                    )
                  }
                />
                <span className="min-w-0 flex-1">
                  <span className="block font-medium text-slate-900">{system.name}</span>
                  {detailOf(system) && (
                    <span className="block truncate text-xs text-slate-500">
                      {detailOf(system)}
                    </span>
                  )}
                </span>
                <CriticalityBadge criticality={system.criticality} />
              </label>
            </li>
          );
        })}
      </ul>
      <div aria-live="polite" className="text-sm">
        {value.length > 0 && (
          <div className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-amber-950">
            {alsoAffected.length === 0 ? (
              <p>Nothing else on the map depends on what you chose.</p>
            ) : (
              <>
                <p className="font-medium">
                  Also affected ({alsoAffected.length}): they depend on what is down
                </p>
                <ul aria-label="Also affected" className="mt-1 flex flex-wrap gap-1.5">
                  {alsoAffected.map((system) => (
                    <li
                      key={system.id}
                      className="inline-flex items-center gap-1 rounded border border-amber-400 bg-white px-1.5 py-0.5 text-xs"
                    >
                      {system.name}
                      {system.criticality === "critical" && (
                        <span className="font-semibold text-red-800">(critical)</span>
                      )}
                    </li>
                  ))}
                </ul>
              </>
            )}
          </div>
        )}
      </div>
    </fieldset>
  );
}
