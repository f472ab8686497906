import { CircleAlert, CircleCheck, CircleX, Clock, Ban, type LucideIcon } from "lucide-react";
import type { ReactNode } from "react";
import { formatMinutes } from "./format";
import { restoreResultLabels, type RestoreResultValue } from "@/server/contracts/backups";

const tones = {
  ok: "border border-emerald-700 bg-emerald-50 text-emerald-900",
  warn: "border-2 border-amber-600 bg-amber-50 font-semibold text-amber-900",
  bad: "border-2 border-red-700 bg-red-50 font-semibold text-red-800",
  neutral: "border border-slate-300 bg-slate-50 text-slate-700",
} as const;

/** A status as an icon and a word; the colour only repeats them. */
export function Badge({
  tone,
  icon: Icon,
  children,
}: {
  tone: keyof typeof tones;
  icon: LucideIcon;
  children: ReactNode;
}) {
  return (
    <span
      className={`inline-flex items-center gap-1 whitespace-nowrap rounded px-1.5 py-0.5 text-xs font-medium ${tones[tone]}`}
    >
      <Icon aria-hidden className="size-3.5 shrink-0" />
      {children}
    </span>
  );
}

/** Overdue and/or Failing, or "On track" when neither. */
export function BackupFlags({ overdue, failing }: { overdue: boolean; failing: boolean }) {
  if (!overdue && !failing)
    return (
      <Badge tone="ok" icon={CircleCheck}>
        On track
      </Badge>
    );
  return (
    <span className="inline-flex flex-wrap gap-1">
      {overdue && (
        <Badge tone="warn" icon={Clock}>
          Overdue
        </Badge>
      )}
      {failing && (
        <Badge tone="bad" icon={CircleX}>
          Failing
        </Badge>
      )}
    </span>
  );
}

const resultLook: Record<RestoreResultValue, { tone: keyof typeof tones; icon: LucideIcon }> = {
  pass: { tone: "ok", icon: CircleCheck },
  partial: { tone: "warn", icon: CircleAlert },
  fail: { tone: "bad", icon: CircleX },
};

export function ResultBadge({ result }: { result: RestoreResultValue }) {
  const { tone, icon } = resultLook[result];
  return (
    <Badge tone={tone} icon={icon}>
      {restoreResultLabels[result]}
    </Badge>
  );
}

export function WithdrawnBadge() {
  return (
    <Badge tone="neutral" icon={Ban}>
      Withdrawn
    </Badge>
  );
}

/** A measured figure against its target: "5 h · target 4 h", marked when it misses; "Not measured" when a failed restore left it out. */
export function AgainstTarget({
  value,
  target,
  stacked = false,
}: {
  value: number | null;
  target: number;
  stacked?: boolean;
}) {
  if (value === null)
    return (
      <span className="text-slate-700">
        Not measured{" "}
        <span className={`text-slate-600 ${stacked ? "block text-xs" : ""}`}>
          {stacked ? "" : "· "}target {formatMinutes(target)}
        </span>
      </span>
    );
  const missed = value > target;
  return (
    <span className={missed ? "font-semibold text-red-800" : undefined}>
      {missed ? (
        <CircleX aria-hidden className="mr-1 inline size-3.5 align-[-2px]" />
      ) : (
        <CircleCheck aria-hidden className="mr-1 inline size-3.5 align-[-2px] text-emerald-700" />
      )}
      {formatMinutes(value)}{" "}
      <span className={`font-normal text-slate-600 ${stacked ? "block text-xs" : ""}`}>
        {stacked ? "" : "· "}target {formatMinutes(target)}
      </span>
      <span className="sr-only">{missed ? ", over target" : ", within target"}</span>
    </span>
  );
}
