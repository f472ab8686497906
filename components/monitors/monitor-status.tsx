import {
  CircleCheck,
  CircleDashed,
  CircleHelp,
  CirclePause,
  CircleX,
  TriangleAlert,
  type LucideIcon,
} from "lucide-react";
import { monitorStatusLabels, type MonitorStatus } from "@/server/contracts/monitors";

const look: Record<MonitorStatus, { icon: LucideIcon; className: string }> = {
  up: { icon: CircleCheck, className: "border border-emerald-700 bg-emerald-50 text-emerald-900" },
  degraded: {
    icon: TriangleAlert,
    className: "border-2 border-amber-600 bg-amber-50 font-semibold text-amber-900",
  },
  pending: {
    icon: CircleDashed,
    className: "border-2 border-amber-600 bg-amber-50 font-semibold text-amber-900",
  },
  down: {
    icon: CircleX,
    className: "border-2 border-red-700 bg-red-50 font-semibold text-red-800",
  },
  paused: { icon: CirclePause, className: "border border-slate-400 bg-slate-100 text-slate-700" },
  unknown: { icon: CircleHelp, className: "border border-slate-300 bg-white text-slate-700" },
};

/** A monitor's state as an icon and a word; the colour only repeats them. */
export function MonitorStatusBadge({ status }: { status: MonitorStatus }) {
  const { icon: Icon, className } = look[status];
  return (
    <span
      className={`inline-flex items-center gap-1 whitespace-nowrap rounded px-1.5 py-0.5 text-xs font-medium ${className}`}
    >
      <Icon aria-hidden className="size-3.5 shrink-0" />
      {monitorStatusLabels[status]}
    </span>
  );
}
