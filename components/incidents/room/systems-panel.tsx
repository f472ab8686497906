import { ArrowRight, Link2, ServerCrash, Unplug } from "lucide-react";
import Link from "@/components/ui/link";
import { CriticalityBadge } from "@/components/dependencies/criticality";
import { StatusBadge } from "./badges";
import { Panel } from "./panel";
import type { IncidentView } from "./types";

type System = IncidentView["down"][number];

function SystemList({ systems, label }: { systems: System[]; label: string }) {
  return (
    <ul aria-label={label} className="divide-y divide-slate-100 rounded-md border border-slate-200">
      {systems.map((system) => (
        <li
          key={system.id ?? `removed:${system.name}`}
          className="flex items-center justify-between gap-2 px-3 py-2 text-sm"
        >
          <span className="min-w-0 break-words font-medium text-slate-900">{system.name}</span>
          <CriticalityBadge criticality={system.criticality} />
        </li>
      ))}
    </ul>
  );
}

/** What is down, what stops because of it (from the dependency map), and the other practices of a vendor-wide outage. */
export function SystemsPanel({ view, className = "" }: { view: IncidentView; className?: string }) {
  return (
    <Panel id="systems" title="What is down" icon={ServerCrash} className={className}>
      <div className="grid gap-4 sm:grid-cols-2">
        <div className="space-y-2">
          <h3 className="text-sm font-semibold text-slate-800">Down ({view.down.length})</h3>
          {view.down.length > 0 ? (
            <SystemList systems={view.down} label="Systems that are down" />
          ) : (
            <p className="rounded-md border border-dashed border-slate-300 px-3 py-2 text-sm text-slate-600">
              Declared before the practice had a dependency map: the title says what is down (
              {view.incident.title}).
            </p>
          )}
        </div>
        <div className="space-y-2">
          <h3 className="flex items-center gap-1.5 text-sm font-semibold text-slate-800">
            <Unplug aria-hidden className="size-4" />
            Also affected ({view.affected.length})
          </h3>
          {view.affected.length > 0 ? (
            <SystemList
              systems={view.affected}
              label="Systems affected because they depend on what is down"
            />
          ) : (
            <p className="rounded-md border border-dashed border-slate-300 px-3 py-2 text-sm text-slate-600">
              Nothing on the dependency map depends on what is down.
            </p>
          )}
          <p className="text-xs text-slate-500">
            From the practice&apos;s dependency map: everything that depends on a down system,
            directly or through others.
          </p>
        </div>
      </div>
      {view.linked.length > 0 && (
        <div className="mt-4 space-y-2">
          <h3 className="flex items-center gap-1.5 text-sm font-semibold text-slate-800">
            <Link2 aria-hidden className="size-4" />
            Linked incidents: the same vendor-wide outage
          </h3>
          <ul className="divide-y divide-slate-100 rounded-md border border-slate-200">
            {view.linked.map((other) => (
              <li key={other.id}>
                <Link
                  href={`/practices/${other.practiceId}/incidents/${other.id}`}
                  className="flex flex-wrap items-center justify-between gap-2 px-3 py-2 text-sm hover:bg-slate-50"
                >
                  <span className="min-w-0">
                    <span className="block font-medium text-brand-700">{other.practiceName}</span>
                    <span className="block break-words text-slate-600">{other.title}</span>
                  </span>
                  <span className="flex items-center gap-2">
                    <StatusBadge status={other.status} />
                    <ArrowRight aria-hidden className="size-4 text-slate-400" />
                  </span>
                </Link>
              </li>
            ))}
          </ul>
          <p className="text-xs text-slate-500">
            Tickets and updates are shared between linked incidents.
          </p>
        </div>
      )}
    </Panel>
  );
}
