"use client";

import { Pencil } from "lucide-react";
import { SystemMonitorState } from "@/components/monitors/system-monitor-state";
import { CriticalityBadge, SpofBadge } from "./criticality";
import { ImpactMarker, type ImpactState } from "./impact-marker";
import { categoryLabel, type MapData, type MapSystem } from "./types";

const cell =
  "px-3 py-2 align-top max-md:block max-md:min-w-0 max-md:p-0 max-md:before:block max-md:before:text-[11px] max-md:before:font-medium max-md:before:uppercase max-md:before:tracking-wide max-md:before:text-slate-500 max-md:before:content-[attr(data-label)]";

/** The map read as a table; on a phone each system becomes a card. */
export function SystemsTable({
  practiceId,
  map,
  canWrite,
  impactStateOf,
  onEdit,
  editDisabled,
}: {
  practiceId: string;
  map: MapData;
  canWrite: boolean;
  impactStateOf: (systemId: string) => ImpactState;
  onEdit: (system: MapSystem) => void;
  editDisabled: boolean;
}) {
  const byId = new Map(map.systems.map((system) => [system.id, system]));
  const spof = new Set(map.singlePointsOfFailure.map((entry) => entry.systemId));
  const names = (ids: string[]) =>
    ids
      .flatMap((id) => byId.get(id)?.name ?? [])
      .sort((a, b) => a.localeCompare(b))
      .join(", ");

  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white max-md:border-0 max-md:bg-transparent">
      <table className="w-full text-left text-sm max-md:block">
        <caption className="sr-only">Systems of the practice and their links</caption>
        <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-600 max-md:sr-only">
          <tr>
            <th scope="col" className="px-3 py-2.5">
              System
            </th>
            <th scope="col" className="px-3 py-2.5">
              Monitors
            </th>
            <th scope="col" className="px-3 py-2.5">
              Category
            </th>
            <th scope="col" className="px-3 py-2.5">
              Criticality
            </th>
            <th scope="col" className="px-3 py-2.5">
              Depends on
            </th>
            <th scope="col" className="px-3 py-2.5">
              Redundant with
            </th>
            <th scope="col" className="px-3 py-2.5">
              Vendor
            </th>
            <th scope="col" className="px-3 py-2.5">
              Site
            </th>
            <th scope="col" className="px-3 py-2.5">
              Owner
            </th>
            <th scope="col" className="px-3 py-2.5">
              Single point of failure
            </th>
            {canWrite && (
              <th scope="col" className="px-3 py-2.5">
                <span className="sr-only">Actions</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 max-md:block max-md:space-y-3 max-md:divide-y-0">
          {map.systems.map((system) => {
            const state = impactStateOf(system.id);
            return (
              <tr
                key={system.id}
                className={`max-md:grid max-md:grid-cols-2 max-md:gap-x-4 max-md:gap-y-2 max-md:rounded-lg max-md:border max-md:border-slate-200 max-md:bg-white max-md:px-4 max-md:py-3 ${
                  state === "failed"
                    ? "bg-red-50 max-md:bg-red-50"
                    : state === "stops"
                      ? "bg-orange-50 max-md:bg-orange-50"
                      : ""
                }`}
              >
                <th
                  scope="row"
                  className="px-3 py-2 text-left align-top font-normal max-md:col-span-2 max-md:block max-md:px-0 max-md:pb-1"
                >
                  <span className="flex flex-wrap items-center gap-1.5">
                    <span className="font-semibold text-slate-900">{system.name}</span>
                    <ImpactMarker state={state} />
                  </span>
                  {system.notes && (
                    <span className="mt-0.5 block max-w-64 text-xs text-slate-500 line-clamp-2 max-md:max-w-none">
                      {system.notes}
                    </span>
                  )}
                </th>
                <td data-label="Monitors" className={cell}>
                  <SystemMonitorState
                    practiceId={practiceId}
                    systemName={system.name}
                    state={system.monitorState}
                  />
                </td>
                <td data-label="Category" className={cell}>
                  {categoryLabel(system.category)}
                </td>
                <td data-label="Criticality" className={cell}>
                  <CriticalityBadge criticality={system.criticality} />
                </td>
                <td data-label="Depends on" className={cell}>
                  {names(system.dependsOn) || <span className="text-slate-500">—</span>}
                </td>
                <td data-label="Redundant with" className={cell}>
                  {names(system.redundantWith) || <span className="text-slate-500">—</span>}
                </td>
                <td data-label="Vendor" className={cell}>
                  {system.vendorName ?? <span className="text-slate-500">—</span>}
                </td>
                <td data-label="Site" className={cell}>
                  {system.siteName ?? <span className="text-slate-500">Whole practice</span>}
                </td>
                <td data-label="Owner" className={cell}>
                  {system.owner || <span className="text-slate-500">—</span>}
                </td>
                <td data-label="Single point of failure" className={cell}>
                  {spof.has(system.id) ? (
                    <SpofBadge short />
                  ) : (
                    <span className="text-slate-500">No</span>
                  )}
                </td>
                {canWrite && (
                  <td className="px-3 py-2 text-right align-top max-md:col-span-2 max-md:mt-1 max-md:block max-md:px-0 max-md:py-0 max-md:text-left">
                    <button
                      type="button"
                      disabled={editDisabled}
                      onClick={() => onEdit(system)}
                      className="inline-flex min-h-9 items-center gap-1.5 rounded-md border border-slate-300 bg-white px-2.5 py-1 text-sm font-medium text-slate-800 hover:bg-slate-100 disabled:opacity-60"
                    >
                      <Pencil aria-hidden className="size-3.5" /> Edit
                      <span className="sr-only"> {system.name}</span>
                    </button>
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
