import {
  CalendarClock,
  ChevronDown,
  ChevronsUp,
  ChevronUp,
  CircleCheck,
  CircleDot,
  DatabaseBackup,
  Equal,
  ShieldCheck,
  Siren,
  TimerOff,
  Wrench,
  type LucideIcon,
} from "lucide-react";
import { formatDay } from "@/components/ui/format";
import {
  riskSeverityLabels,
  riskStatusLabels,
  type RiskSeverity,
  type RiskStatus,
} from "@/server/contracts/risks";

const badge = "inline-flex items-center gap-1 rounded px-1.5 py-0.5 text-xs";

/** Severity is a word and an icon (and a border weight); colour only repeats it. */
export const severityLook: Record<
  RiskSeverity,
  { Icon: LucideIcon; className: string; meaning: string }
> = {
  urgent: {
    Icon: ChevronsUp,
    className: "border-2 border-red-700 bg-red-50 font-semibold text-red-800",
    meaning: "Could stop patient care or expose patient data now.",
  },
  high: {
    Icon: ChevronUp,
    className: "border border-orange-600 bg-orange-50 font-semibold text-orange-900",
    meaning: "Would make an outage much worse.",
  },
  medium: {
    Icon: Equal,
    className: "border border-amber-500 bg-amber-50 font-medium text-amber-900",
    meaning: "Worth fixing this quarter.",
  },
  low: {
    Icon: ChevronDown,
    className: "border border-dashed border-slate-400 bg-white text-slate-700",
    meaning: "Nice to fix when there is time.",
  },
};

export function SeverityBadge({ severity }: { severity: RiskSeverity }) {
  const { Icon, className } = severityLook[severity];
  return (
    <span className={`${badge} whitespace-nowrap ${className}`}>
      <Icon aria-hidden className="size-3.5 shrink-0" />
      {riskSeverityLabels[severity]}
      <span className="sr-only"> severity</span>
    </span>
  );
}

export const statusLook: Record<
  RiskStatus,
  { Icon: LucideIcon; className: string; meaning: string }
> = {
  open: {
    Icon: CircleDot,
    className: "border border-slate-400 bg-slate-50 font-medium text-slate-800",
    meaning: "Recorded; nobody has decided what to do yet.",
  },
  fix_now: {
    Icon: Wrench,
    className: "border-2 border-red-700 bg-red-50 font-semibold text-red-800",
    meaning: "Fix it before anything else.",
  },
  scheduled: {
    Icon: CalendarClock,
    className: "border border-sky-600 bg-sky-50 font-medium text-sky-900",
    meaning: "A fix is planned for a date.",
  },
  accepted: {
    Icon: ShieldCheck,
    className: "border border-violet-600 bg-violet-50 font-medium text-violet-900",
    meaning: "Left as it is for now, for a written reason, until a date.",
  },
  resolved: {
    Icon: CircleCheck,
    className: "border border-emerald-700 bg-emerald-50 font-medium text-emerald-900",
    meaning: "Fixed; say how.",
  },
};

/** The register's status of a risk: an icon and words, with its date where the status has one. */
export function RiskStatusBadge({
  risk,
}: {
  risk: {
    status: RiskStatus;
    acceptanceExpired: boolean;
    scheduledFor: string | null;
    acceptedUntil: string | null;
  };
}) {
  if (risk.acceptanceExpired) {
    return (
      <span
        className={`${badge} border-2 border-amber-600 bg-amber-50 font-semibold text-amber-900`}
      >
        <TimerOff aria-hidden className="size-3.5 shrink-0" />
        Acceptance expired — open again
      </span>
    );
  }
  const { Icon, className } = statusLook[risk.status];
  const text =
    risk.status === "scheduled" && risk.scheduledFor
      ? `Scheduled for ${formatDay(risk.scheduledFor)}`
      : risk.status === "accepted" && risk.acceptedUntil
        ? `Accepted until ${formatDay(risk.acceptedUntil)}`
        : riskStatusLabels[risk.status];
  return (
    <span className={`${badge} ${className}`}>
      <Icon aria-hidden className="size-3.5 shrink-0" />
      {text}
    </span>
  );
}

export function OriginBadges({
  risk,
}: {
  risk: { fromRestoreTestId: string | null; fromDrillId: string | null };
}) {
  return (
    <>
      {risk.fromRestoreTestId && (
        <span className={`${badge} border border-slate-300 bg-white text-slate-700`}>
          <DatabaseBackup aria-hidden className="size-3.5 shrink-0" /> Proposed from a restore test
        </span>
      )}
      {risk.fromDrillId && (
        <span className={`${badge} border border-slate-300 bg-white text-slate-700`}>
          <Siren aria-hidden className="size-3.5 shrink-0" /> From a drill
        </span>
      )}
    </>
  );
}
