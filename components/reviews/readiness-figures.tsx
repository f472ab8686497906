import { ClipboardList, Contact, DatabaseBackup, ShieldAlert, Siren } from "lucide-react";
import Link from "@/components/ui/link";
import type { ReactNode } from "react";
import { BackupFlags } from "@/components/backups/status-badges";
import { Badge } from "./badges";
import { formatDayOf, formatMoment } from "@/components/ui/format";
import type { Readiness } from "./types";

function Figure({
  icon: Icon,
  label,
  children,
}: {
  icon: typeof ClipboardList;
  label: string;
  children: ReactNode;
}) {
  // A group of a <dl> holds its <dt> and <dd> and nothing else: the icon goes inside the term.
  return (
    <div className="py-2.5 first:pt-0 last:pb-0">
      <dt className="flex items-center gap-2.5 text-xs font-medium uppercase tracking-wide text-slate-500">
        <Icon aria-hidden className="size-4 shrink-0" />
        {label}
      </dt>
      <dd className="mt-0.5 min-w-0 space-y-1 pl-[1.625rem] text-sm text-slate-800">{children}</dd>
    </div>
  );
}

/** The practice's readiness figures: live while the review is open, frozen at sign-off afterwards. */
export function ReadinessFigures({
  practiceId,
  readiness,
  frozenAt,
  timeZone,
}: {
  practiceId: string;
  readiness: Readiness;
  frozenAt: Date | null;
  timeZone: string;
}) {
  const { plan, backups, risks, vendors, drills } = readiness;
  return (
    <section
      aria-labelledby="readiness"
      className="rounded-lg border border-slate-200 bg-white p-4 sm:p-5"
    >
      <h2 id="readiness" className="text-base font-semibold text-slate-900">
        {frozenAt
          ? `Readiness as at sign-off on ${formatDayOf(frozenAt, timeZone)}`
          : "Readiness now"}
      </h2>
      <p className="mb-3 text-xs text-slate-500">
        {frozenAt
          ? `Frozen with the review at ${formatMoment(frozenAt, timeZone)}; today's figures may differ.`
          : "Live figures; they are frozen into the review when it is signed off."}
      </p>
      <dl className="divide-y divide-slate-100">
        <Figure icon={ClipboardList} label="Downtime plan">
          <p>
            Completeness <strong className="tabular-nums">{plan.completenessScore}</strong> / 100 ·{" "}
            {plan.publishedVersion ? (
              `version ${plan.publishedVersion} published`
            ) : (
              <span className="font-medium text-amber-900">not published</span>
            )}
          </p>
          {(plan.planReviewOverdue || plan.packetStale || plan.unpublishedChanges) && (
            <p className="flex flex-wrap gap-1">
              {plan.planReviewOverdue && (
                <Badge tone="warn" icon={ClipboardList}>
                  Plan review overdue
                </Badge>
              )}
              {plan.packetStale && (
                <Badge tone="warn" icon={ClipboardList}>
                  Printed packet stale
                </Badge>
              )}
              {plan.unpublishedChanges && (
                <Badge tone="neutral" icon={ClipboardList}>
                  Unpublished changes
                </Badge>
              )}
            </p>
          )}
        </Figure>
        <Figure icon={DatabaseBackup} label="Backup tests">
          <p>
            <strong className="tabular-nums">{backups.tracked}</strong> tracked ·{" "}
            <strong className="tabular-nums">{backups.overdue}</strong> overdue ·{" "}
            <strong className="tabular-nums">{backups.failing}</strong> failing
          </p>
          {backups.flagged.length > 0 && (
            <ul className="space-y-1">
              {backups.flagged.map((system) => (
                <li key={system.systemId} className="flex flex-wrap items-center gap-1.5">
                  {system.name} <BackupFlags overdue={system.overdue} failing={system.failing} />
                </li>
              ))}
            </ul>
          )}
          {!frozenAt && (
            <Link href={`/practices/${practiceId}/backups`} className="text-brand-700 underline">
              Backups tab
            </Link>
          )}
        </Figure>
        <Figure icon={ShieldAlert} label="Risks">
          <p>
            <strong className="tabular-nums">{risks.open}</strong> open ·{" "}
            <strong className={`tabular-nums ${risks.urgentOpen > 0 ? "text-red-800" : ""}`}>
              {risks.urgentOpen}
            </strong>{" "}
            urgent
          </p>
          {risks.oldestUrgentOpenAt && (
            <p className="text-slate-600">
              Oldest urgent risk open since {formatDayOf(risks.oldestUrgentOpenAt, timeZone)}.
            </p>
          )}
        </Figure>
        <Figure icon={Contact} label="Vendor contacts">
          <p>
            {vendors.linked === 0 ? (
              "No vendors linked"
            ) : (
              <>
                <strong className="tabular-nums">{vendors.verifiedWithin90Days}</strong> of{" "}
                <strong className="tabular-nums">{vendors.linked}</strong> verified in the last 90
                days
              </>
            )}
          </p>
        </Figure>
        <Figure icon={Siren} label="Drills">
          <p>
            {drills.lastHeldAt
              ? `Last held ${formatDayOf(drills.lastHeldAt, timeZone)}`
              : "None held yet"}
          </p>
          {drills.nextScheduledFor && (
            <p className="text-slate-600">
              Next scheduled {formatDayOf(drills.nextScheduledFor, timeZone)}
            </p>
          )}
        </Figure>
      </dl>
    </section>
  );
}
