"use client";

import { skipToken, useQuery, useSuspenseQuery } from "@tanstack/react-query";
import { Info, Network, Plus, Table2, Workflow } from "lucide-react";
import dynamic from "next/dynamic";
import { useRef, useState, type KeyboardEvent } from "react";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/skeleton";
import { callProblem } from "@/components/trpc/call-problem";
import { ImpactPanel } from "./impact-panel";
import type { ImpactState } from "./impact-marker";
import { SpofList } from "./spof-list";
import { StarterMapButton } from "./starter-map-button";
import { SystemDialog, type EditTarget } from "./system-dialog";
import { SystemsTable } from "./systems-table";
import type { SiteOption } from "./types";
import { useHydrated } from "@/components/ui/use-hydrated";

const DependencyDiagram = dynamic(() => import("./dependency-diagram"), {
  ssr: false,
  loading: () => (
    <div
      role="status"
      aria-label="Loading the diagram"
      className="h-[min(68vh,620px)] min-h-[420px] rounded-lg border border-slate-200 bg-white p-4"
    >
      <Skeleton className="h-full w-full" />
    </div>
  ),
});

export type MapView = "table" | "diagram";
const views: { value: MapView; label: string; Icon: typeof Table2 }[] = [
  { value: "table", label: "Table", Icon: Table2 },
  { value: "diagram", label: "Diagram", Icon: Workflow },
];

/** A practice's dependency map: the systems, their links, what stops when one fails, and the single points of failure. */
export function DependencyMap({
  practiceId,
  sites,
  canWrite,
  initialView,
}: {
  practiceId: string;
  sites: SiteOption[];
  canWrite: boolean;
  initialView: MapView;
}) {
  const trpc = useTRPC();
  const hydrated = useHydrated();
  const { data: map } = useSuspenseQuery(trpc.dependencies.map.queryOptions({ practiceId }));
  const [view, setView] = useState<MapView>(initialView);
  const [impactId, setImpactId] = useState("");
  const [target, setTarget] = useState<EditTarget | null>(null);
  const tabs = useRef<Record<MapView, HTMLButtonElement | null>>({ table: null, diagram: null });

  const chosen = map.systems.some((system) => system.id === impactId) ? impactId : "";
  const impact = useQuery(
    trpc.dependencies.impact.queryOptions(chosen ? { practiceId, systemId: chosen } : skipToken),
  );
  const impactData = impact.data && impact.data.system.id === chosen ? impact.data : undefined;
  const stopped = new Set(impactData?.stops.map((system) => system.id));
  const impactStateOf = (systemId: string): ImpactState =>
    !chosen ? null : systemId === chosen ? "failed" : stopped.has(systemId) ? "stops" : null;
  const choose = (systemId: string) =>
    setImpactId((current) => (current === systemId ? "" : systemId));

  const switchView = (next: MapView) => {
    setView(next);
    const url = new URL(window.location.href);
    if (next === "table") url.searchParams.delete("view");
    else url.searchParams.set("view", next);
    window.history.replaceState(null, "", url);
  };
  const onTabKey = (event: KeyboardEvent<HTMLButtonElement>) => {
    if (!["ArrowLeft", "ArrowRight", "Home", "End"].includes(event.key)) return;
    event.preventDefault();
    const next: MapView =
      event.key === "Home"
        ? "table"
        : event.key === "End"
          ? "diagram"
          : view === "table"
            ? "diagram"
            : "table";
    switchView(next);
    tabs.current[next]?.focus();
  };

  const dialog = (
    <SystemDialog
      practiceId={practiceId}
      target={target}
      onTargetChange={setTarget}
      systems={map.systems}
      sites={sites}
    />
  );

  if (map.systems.length === 0) {
    return (
      <>
        {canWrite ? (
          <EmptyState icon={Network} title="No systems yet — start from the usual clinic systems">
            <p>
              Add the EHR, internet circuits, firewall, Wi-Fi, phones and the rest with their usual
              links, then remove what this practice does not use.
            </p>
            <div className="mt-4 flex flex-wrap justify-center gap-2">
              <StarterMapButton practiceId={practiceId} empty disabled={!hydrated} />
              <Button
                variant="secondary"
                disabled={!hydrated}
                onClick={() => setTarget({ mode: "new" })}
              >
                <Plus aria-hidden className="size-4" /> Add a system
              </Button>
            </div>
          </EmptyState>
        ) : (
          <EmptyState icon={Network} title="No systems mapped yet">
            An MSP technician maps the practice&apos;s systems and how they depend on each other;
            the map will appear here.
          </EmptyState>
        )}
        {canWrite && dialog}
      </>
    );
  }

  const critical = map.systems.filter((system) => system.criticality === "critical").length;
  return (
    <div className="space-y-4">
      <div className="flex flex-col gap-3 sm:flex-row sm:items-center sm:justify-between">
        <p className="text-sm text-slate-600">
          <strong className="text-slate-900">{map.systems.length}</strong> system
          {map.systems.length === 1 ? "" : "s"} ·{" "}
          <strong className="text-slate-900">{critical}</strong> critical ·{" "}
          <strong className="text-slate-900">{map.dependencies.length}</strong> link
          {map.dependencies.length === 1 ? "" : "s"} ·{" "}
          <strong className="text-slate-900">{map.singlePointsOfFailure.length}</strong> single
          point{map.singlePointsOfFailure.length === 1 ? "" : "s"} of failure
        </p>
        {canWrite && (
          <div className="flex flex-wrap gap-2">
            <Button disabled={!hydrated} onClick={() => setTarget({ mode: "new" })}>
              <Plus aria-hidden className="size-4" /> Add system
            </Button>
            <StarterMapButton practiceId={practiceId} empty={false} disabled={!hydrated} />
          </div>
        )}
      </div>
      {!canWrite && (
        <p role="note" className="flex items-center gap-1.5 text-sm text-slate-600">
          <Info aria-hidden className="size-4 shrink-0" /> You can read this map; MSP technicians
          and admins keep it up to date.
        </p>
      )}

      <div className="grid items-start gap-4 md:grid-cols-2">
        <ImpactPanel
          systems={map.systems}
          systemId={chosen}
          onChoose={setImpactId}
          impact={impactData}
          loading={impact.isFetching && !impactData}
          error={
            impact.error
              ? callProblem(impact.error, "Could not work out the impact. Try again.").message
              : null
          }
        />
        <SpofList map={map} onChoose={setImpactId} />
      </div>

      <div>
        <div
          role="tablist"
          aria-label="Show the map as"
          className="mb-3 inline-flex rounded-md border border-slate-300 bg-white p-0.5"
        >
          {views.map(({ value, label, Icon }) => (
            <button
              key={value}
              ref={(element) => {
                tabs.current[value] = element;
              }}
              type="button"
              role="tab"
              id={`map-tab-${value}`}
              aria-selected={view === value}
              aria-controls={`map-panel-${value}`}
              tabIndex={view === value ? 0 : -1}
              onClick={() => switchView(value)}
              onKeyDown={onTabKey}
              className={`inline-flex min-h-9 items-center gap-1.5 rounded px-3 py-1.5 text-sm font-medium ${view === value ? "bg-brand-700 text-white" : "text-slate-700 hover:bg-slate-100"}`}
            >
              <Icon aria-hidden className="size-4" /> {label}
            </button>
          ))}
        </div>
        <div role="tabpanel" id={`map-panel-${view}`} aria-labelledby={`map-tab-${view}`}>
          {view === "table" ? (
            <SystemsTable
              practiceId={practiceId}
              map={map}
              canWrite={canWrite}
              impactStateOf={impactStateOf}
              onEdit={(system) => setTarget({ mode: "edit", systemId: system.id })}
              editDisabled={!hydrated}
            />
          ) : (
            <DependencyDiagram
              practiceId={practiceId}
              map={map}
              impactStateOf={impactStateOf}
              impactActive={Boolean(chosen)}
              onChoose={choose}
            />
          )}
        </div>
      </div>
      {canWrite && dialog}
    </div>
  );
}
