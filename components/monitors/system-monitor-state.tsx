import Link from "@/components/ui/link";
import type { MonitorStatus } from "@/server/contracts/monitors";
import { MonitorStatusBadge } from "./monitor-status";

export type SystemMonitorSummary = { status: MonitorStatus; inStatus: number; monitors: number };

/** "1 of 3 monitors", said when a system has more than one. */
function countOf(state: SystemMonitorSummary) {
  return state.monitors > 1 ? `${state.inStatus} of ${state.monitors} monitors` : null;
}

/**
 * A system's monitors on the dependency map: the worst state as an icon and a word (the colour only
 * repeats them), linked to the practice's monitors; "No monitors" when none watches it.
 */
export function SystemMonitorState({
  practiceId,
  systemName,
  state,
  compact = false,
}: {
  practiceId: string;
  systemName: string;
  state: SystemMonitorSummary | null;
  /** On a diagram node: the badge alone (the count goes to screen readers and the tooltip). */
  compact?: boolean;
}) {
  if (!state) return compact ? null : <span className="text-slate-500">No monitors</span>;
  const count = countOf(state);
  return (
    <Link
      href={`/practices/${practiceId}/monitors`}
      title={`Monitors of ${systemName}${count ? `: ${count}` : ""}`}
      data-testid="system-monitor-state"
      className={`nodrag nopan inline-flex flex-wrap items-center gap-1 rounded underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-teal-700 ${compact ? "" : "text-sm"}`}
    >
      <MonitorStatusBadge status={state.status} />
      {count && !compact && <span className="text-xs text-slate-600">{count}</span>}
      <span className="sr-only">
        {compact && count ? ` (${count})` : ""} — monitors of {systemName}
      </span>
    </Link>
  );
}
