import { Activity, Building2, CheckCircle2, CircleHelp, Cloud, Crosshair, Info, Lock, OctagonAlert, Search, TriangleAlert, type LucideIcon } from "lucide-react";
import { incidentSeverityLabels, incidentStatusLabels, suspectedScopeLabels, type IncidentSeverity, type IncidentStatus, type SuspectedScope } from "@/server/services/incident-schemas";

/** Status, severity and scope: always an icon and a word; colour only repeats them. */

const pill = "inline-flex items-center gap-1 whitespace-nowrap rounded-full border px-2 py-0.5 text-xs font-medium";

export const statusLook: Record<IncidentStatus, { Icon: LucideIcon; className: string }> = {
  investigating: { Icon: Search, className: "border-red-300 bg-red-50 text-red-900" },
  identified: { Icon: Crosshair, className: "border-amber-300 bg-amber-50 text-amber-900" },
  monitoring: { Icon: Activity, className: "border-sky-300 bg-sky-50 text-sky-900" },
  resolved: { Icon: CheckCircle2, className: "border-emerald-300 bg-emerald-50 text-emerald-900" },
  closed: { Icon: Lock, className: "border-slate-300 bg-slate-100 text-slate-800" },
};

export function StatusBadge({ status, className = "" }: { status: IncidentStatus; className?: string }) {
  const { Icon, className: look } = statusLook[status];
  return (
    <span className={`${pill} ${look} ${className}`}>
      <Icon aria-hidden className="size-3.5 shrink-0" />
      <span className="sr-only">Status: </span>
      {incidentStatusLabels[status]}
    </span>
  );
}

const severityLook: Record<IncidentSeverity, { Icon: LucideIcon; className: string }> = {
  critical: { Icon: OctagonAlert, className: "border-red-700 bg-red-50 font-semibold text-red-800" },
  major: { Icon: TriangleAlert, className: "border-amber-600 bg-amber-50 text-amber-900" },
  minor: { Icon: Info, className: "border-slate-300 bg-white text-slate-700" },
};

export function SeverityBadge({ severity }: { severity: IncidentSeverity }) {
  const { Icon, className } = severityLook[severity];
  return (
    <span className={`${pill} ${className}`}>
      <Icon aria-hidden className="size-3.5 shrink-0" />
      {incidentSeverityLabels[severity]}
      <span className="sr-only"> severity</span>
    </span>
  );
}

export const scopeLook: Record<SuspectedScope, { Icon: LucideIcon; className: string }> = {
  local: { Icon: Building2, className: "border-violet-300 bg-violet-50 text-violet-900" },
  vendor_wide: { Icon: Cloud, className: "border-sky-300 bg-sky-50 text-sky-900" },
  unknown: { Icon: CircleHelp, className: "border-slate-300 bg-white text-slate-700" },
};

export function ScopeBadge({ scope, confirmed }: { scope: SuspectedScope; confirmed: boolean }) {
  const { Icon, className } = scopeLook[scope];
  return (
    <span className={`${pill} ${className}`}>
      <Icon aria-hidden className="size-3.5 shrink-0" />
      {scope === "unknown" ? "Scope unknown" : `${suspectedScopeLabels[scope]}${confirmed ? "" : " (suspected)"}`}
    </span>
  );
}
