import { ArrowRight, CirclePlus, CircleCheckBig, RefreshCw, ShieldAlert } from "lucide-react";
import Link from "@/components/ui/link";
import {
  riskSeverityLabels,
  riskStatusLabels,
  type RiskSeverity,
  type RiskStatus,
} from "@/server/contracts/risks";
import { formatDayOf } from "@/components/ui/format";
import type { RiskChange, RiskChanges as Changes } from "./types";

const severityLabel = (severity: string) =>
  riskSeverityLabels[severity as RiskSeverity] ?? severity;
const statusLabel = (status: string | null) =>
  status ? (riskStatusLabels[status as RiskStatus] ?? status) : "";

function Group({
  id,
  title,
  icon: Icon,
  items,
  describe,
  timeZone,
}: {
  id: string;
  title: string;
  icon: typeof CirclePlus;
  items: RiskChange[];
  describe: (item: RiskChange) => string;
  timeZone: string;
}) {
  return (
    <div>
      <h3 id={id} className="flex items-center gap-1.5 text-sm font-semibold text-slate-800">
        <Icon aria-hidden className="size-4 text-slate-500" /> {title} ({items.length})
      </h3>
      {items.length === 0 ? (
        <p className="mt-1 text-sm text-slate-500">None.</p>
      ) : (
        <ul aria-labelledby={id} className="mt-1 space-y-1.5">
          {items.map((item) => (
            <li key={`${item.riskId}-${item.at.toString()}`} className="text-sm">
              <span className="font-medium text-slate-900">{item.title}</span>{" "}
              <span
                className={`text-xs ${item.severity === "urgent" ? "font-semibold text-red-800" : "text-slate-600"}`}
              >
                ({severityLabel(item.severity)})
              </span>
              <span className="block text-xs text-slate-600">
                {describe(item)} · {item.actorName}, {formatDayOf(item.at, timeZone)}
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** Risks opened, changed and closed since the previous review was signed off. */
export function RiskChangesPanel({
  practiceId,
  changes,
  since,
  timeZone,
}: {
  practiceId: string;
  changes: Changes;
  since: Date | null;
  timeZone: string;
}) {
  return (
    <section
      aria-labelledby="risk-changes"
      className="rounded-lg border border-slate-200 bg-white p-4 sm:p-5"
    >
      <h2 id="risk-changes" className="text-base font-semibold text-slate-900">
        Risks since the previous review
      </h2>
      <p className="mb-3 text-xs text-slate-500">
        {since
          ? `Changes after the review signed off on ${formatDayOf(since, timeZone)}.`
          : "No earlier review: every change to the register so far."}
      </p>
      <div className="space-y-3">
        <Group
          id="risks-opened"
          title="Opened"
          icon={CirclePlus}
          items={changes.opened}
          describe={(item) =>
            item.toStatus === "open"
              ? "Added"
              : `Added as ${statusLabel(item.toStatus).toLowerCase()}`
          }
          timeZone={timeZone}
        />
        <Group
          id="risks-changed"
          title="Changed"
          icon={RefreshCw}
          items={changes.changed}
          describe={(item) =>
            item.kind === "edited"
              ? "Details edited"
              : `${statusLabel(item.fromStatus)} → ${statusLabel(item.toStatus)}`
          }
          timeZone={timeZone}
        />
        <Group
          id="risks-closed"
          title="Closed"
          icon={CircleCheckBig}
          items={changes.closed}
          describe={() => "Resolved"}
          timeZone={timeZone}
        />
      </div>
      <Link
        href={`/practices/${practiceId}/risks`}
        className="mt-4 inline-flex items-center gap-1 text-sm font-medium text-brand-700 underline"
      >
        <ShieldAlert aria-hidden className="size-4" /> Risk register{" "}
        <ArrowRight aria-hidden className="size-4" />
      </Link>
    </section>
  );
}
