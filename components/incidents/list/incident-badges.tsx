import {
  Activity,
  Archive,
  CircleCheck,
  Crosshair,
  Info,
  Link2,
  OctagonAlert,
  Search,
  TriangleAlert,
  type LucideIcon,
} from "lucide-react";
import {
  incidentSeverityLabels,
  incidentStatusLabels,
  type IncidentSeverity,
  type IncidentStatus,
} from "@/server/contracts/incidents";

/** Severity and status each read as an icon and a word; the colour only repeats them. */
const severityLook: Record<IncidentSeverity, { Icon: LucideIcon; className: string }> = {
  critical: {
    Icon: OctagonAlert,
    className: "border-red-700 bg-red-50 font-semibold text-red-800",
  },
  major: {
    Icon: TriangleAlert,
    className: "border-amber-600 bg-amber-50 font-medium text-amber-900",
  },
  minor: { Icon: Info, className: "border-slate-400 bg-white text-slate-700" },
};

const statusLook: Record<IncidentStatus, { Icon: LucideIcon; className: string }> = {
  investigating: { Icon: Search, className: "border-red-300 bg-red-50 text-red-900" },
  identified: { Icon: Crosshair, className: "border-amber-300 bg-amber-50 text-amber-900" },
  monitoring: { Icon: Activity, className: "border-sky-300 bg-sky-50 text-sky-900" },
  resolved: { Icon: CircleCheck, className: "border-emerald-300 bg-emerald-50 text-emerald-900" },
  closed: { Icon: Archive, className: "border-slate-300 bg-slate-50 text-slate-700" },
};

const badge =
  "inline-flex items-center gap-1 whitespace-nowrap rounded border px-1.5 py-0.5 text-xs";

export function SeverityBadge({ severity }: { severity: IncidentSeverity }) {
  const { Icon, className } = severityLook[severity];
  return (
    <span className={`${badge} ${className}`}>
      <Icon aria-hidden className="size-3.5 shrink-0" />
      <span className="sr-only">Severity: </span>
      {incidentSeverityLabels[severity]}
    </span>
  );
}

export function StatusBadge({ status }: { status: IncidentStatus }) {
  const { Icon, className } = statusLook[status];
  return (
    <span className={`${badge} ${className}`}>
      <Icon aria-hidden className="size-3.5 shrink-0" />
      <span className="sr-only">Status: </span>
      {incidentStatusLabels[status]}
    </span>
  );
}

export function VendorWideBadge() {
  return (
    <span className={`${badge} border-violet-700 bg-violet-50 font-medium text-violet-900`}>
      <Link2 aria-hidden className="size-3.5 shrink-0" />
      Vendor-wide
    </span>
  );
}

export { severityLook, statusLook };
