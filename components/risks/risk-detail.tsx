"use client";

import { useSuspenseQuery } from "@tanstack/react-query";
import { ArrowLeft, ArrowRight, FilePlus2, ListChecks, Pencil } from "lucide-react";
import Link from "@/components/ui/link";
import { useState } from "react";
import { formatDay, formatMoment } from "@/components/ui/format";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { useHydrated } from "@/components/ui/use-hydrated";
import {
  riskSeverityLabels,
  riskStatusLabels,
  type RiskSeverity,
  type RiskStatus,
} from "@/server/contracts/risks";
import { OriginBadges, RiskStatusBadge, SeverityBadge, statusLook } from "./risk-badges";
import { RiskDialog, type RiskTarget } from "./risk-dialog";
import { StatusDialog } from "./status-dialog";
import {
  registerHref,
  riskCategoryLabel,
  type RiskDetail as RiskDetailData,
  type StatusTarget,
} from "./types";

type HistoryEntry = RiskDetailData["history"][number];

/** One risk: every field, and the full history of who changed what, when. */
export function RiskDetail({
  practiceId,
  riskId,
  timeZone,
  canWrite,
}: {
  practiceId: string;
  riskId: string;
  timeZone: string;
  canWrite: boolean;
}) {
  const trpc = useTRPC();
  const hydrated = useHydrated();
  const { data: risk } = useSuspenseQuery(trpc.risks.get.queryOptions({ practiceId, riskId }));
  const [editing, setEditing] = useState<RiskTarget | null>(null);
  const [changing, setChanging] = useState<StatusTarget | null>(null);

  return (
    <div className="space-y-5">
      <Link
        href={registerHref(practiceId)}
        className="inline-flex items-center gap-1 text-sm font-medium text-brand-700 hover:underline"
      >
        <ArrowLeft aria-hidden className="size-4" /> All risks
      </Link>

      <article aria-labelledby="risk-title" className="rounded-lg border border-slate-200 bg-white">
        <header className="flex flex-col gap-3 border-b border-slate-100 px-4 py-3 sm:px-5 md:flex-row md:items-start md:justify-between">
          <div className="min-w-0 space-y-2">
            <div className="flex flex-wrap items-center gap-2">
              <SeverityBadge severity={risk.severity} />
              <h2 id="risk-title" className="text-lg font-semibold text-slate-900">
                {risk.title}
              </h2>
            </div>
            <div className="flex flex-wrap items-center gap-1.5">
              <RiskStatusBadge risk={risk} />
              <OriginBadges risk={risk} />
            </div>
          </div>
          {canWrite && (
            <div className="flex flex-wrap gap-2">
              <Button disabled={!hydrated} onClick={() => setChanging(risk)}>
                <ListChecks aria-hidden className="size-4" /> Change status
              </Button>
              <Button
                variant="secondary"
                disabled={!hydrated}
                onClick={() => setEditing({ mode: "edit", risk })}
              >
                <Pencil aria-hidden className="size-4" /> Edit
              </Button>
            </div>
          )}
        </header>
        <div className="grid gap-5 px-4 py-4 sm:px-5 lg:grid-cols-2">
          <dl className="grid grid-cols-[minmax(7rem,auto)_1fr] gap-x-4 gap-y-2 text-sm">
            <dt className="text-slate-500">Severity</dt>
            <dd>{riskSeverityLabels[risk.severity]}</dd>
            <dt className="text-slate-500">Category</dt>
            <dd>{riskCategoryLabel(risk.category)}</dd>
            <dt className="text-slate-500">Status</dt>
            <dd>
              <RiskStatusBadge risk={risk} />
            </dd>
            {risk.status === "scheduled" && risk.scheduledFor && (
              <>
                <dt className="text-slate-500">Fix planned for</dt>
                <dd>{formatDay(risk.scheduledFor)}</dd>
              </>
            )}
            {risk.acceptedReason && (risk.status === "accepted" || risk.acceptanceExpired) && (
              <>
                <dt className="text-slate-500">Why accepted</dt>
                <dd className="whitespace-pre-line">{risk.acceptedReason}</dd>
                <dt className="text-slate-500">Accepted until</dt>
                <dd>{risk.acceptedUntil ? formatDay(risk.acceptedUntil) : "—"}</dd>
              </>
            )}
            {risk.status === "resolved" && risk.resolvedNote && (
              <>
                <dt className="text-slate-500">How resolved</dt>
                <dd className="whitespace-pre-line">{risk.resolvedNote}</dd>
              </>
            )}
            <dt className="text-slate-500">Owner</dt>
            <dd>{risk.owner || <span className="text-slate-500">Nobody named</span>}</dd>
            <dt className="text-slate-500">Linked systems</dt>
            <dd>
              {risk.systems.length === 0 ? (
                <span className="text-slate-500">None linked</span>
              ) : (
                <ul className="flex flex-wrap gap-1.5">
                  {risk.systems.map((system) => (
                    <li
                      key={system.id}
                      className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-800"
                    >
                      {system.name}
                    </li>
                  ))}
                </ul>
              )}
            </dd>
            {risk.fromDrillId && (
              <>
                <dt className="text-slate-500">Came from</dt>
                <dd>
                  <Link
                    className="text-brand-700 underline"
                    href={`/practices/${practiceId}/drills`}
                  >
                    A drill&apos;s finding
                  </Link>
                </dd>
              </>
            )}
            {risk.fromRestoreTestId && (
              <>
                <dt className="text-slate-500">Came from</dt>
                <dd>A failed or partial restore test</dd>
              </>
            )}
            <dt className="text-slate-500">Recorded</dt>
            <dd>{formatMoment(risk.createdAt, timeZone)}</dd>
            <dt className="text-slate-500">Last changed</dt>
            <dd>{formatMoment(risk.updatedAt, timeZone)}</dd>
          </dl>
          <section aria-labelledby="risk-description">
            <h3 id="risk-description" className="mb-1 text-sm font-semibold text-slate-800">
              Description
            </h3>
            {risk.description ? (
              <p className="whitespace-pre-line text-sm text-slate-800">{risk.description}</p>
            ) : (
              <p className="text-sm text-slate-500">No description.</p>
            )}
          </section>
        </div>
      </article>

      <section
        aria-labelledby="risk-history"
        className="rounded-lg border border-slate-200 bg-white px-4 py-3 sm:px-5"
      >
        <h2 id="risk-history" className="mb-3 text-base font-semibold text-slate-900">
          History
        </h2>
        <ol aria-label="Status history" className="space-y-3">
          {risk.history.map((entry) => (
            <li key={entry.id} className="border-l-2 border-slate-200 pl-3">
              <HistoryLine entry={entry} timeZone={timeZone} />
            </li>
          ))}
        </ol>
      </section>

      {canWrite && (
        <>
          <RiskDialog practiceId={practiceId} target={editing} onClose={() => setEditing(null)} />
          <StatusDialog
            practiceId={practiceId}
            risk={changing}
            today={risk.today}
            onClose={() => setChanging(null)}
          />
        </>
      )}
    </div>
  );
}

const text = (value: unknown): string | null =>
  typeof value === "string" && value !== "" ? value : null;

function StatusWord({ status }: { status: RiskStatus | null }) {
  if (!status) return <span>—</span>;
  const { Icon } = statusLook[status];
  return (
    <span className="inline-flex items-center gap-1 font-medium">
      <Icon aria-hidden className="size-3.5" />
      {riskStatusLabels[status]}
    </span>
  );
}

const changedLabels: Record<string, string> = {
  title: "title",
  description: "description",
  severity: "severity",
  category: "category",
  owner: "owner",
};

function HistoryLine({ entry, timeZone }: { entry: HistoryEntry; timeZone: string }) {
  const detail = entry.detail;
  const meta = (
    <p className="text-xs text-slate-500">
      <time dateTime={new Date(entry.at).toISOString()}>{formatMoment(entry.at, timeZone)}</time> ·{" "}
      {entry.actorName}
    </p>
  );
  if (entry.kind === "created") {
    const from =
      detail.from === "drill"
        ? " from a drill's finding"
        : detail.from === "restore_test"
          ? " from a restore test"
          : "";
    return (
      <div className="space-y-0.5 text-sm">
        <p className="flex flex-wrap items-center gap-1.5">
          <FilePlus2 aria-hidden className="size-4 text-slate-500" />
          <span>
            Recorded{from} as <StatusWord status={entry.toStatus} />
          </span>
        </p>
        {meta}
      </div>
    );
  }
  if (entry.kind === "edited") {
    const changed = Array.isArray(detail.changed)
      ? detail.changed.filter((key): key is string => typeof key === "string")
      : [];
    const severity = text(detail.severity) as RiskSeverity | null;
    const previous = text(detail.previousSeverity) as RiskSeverity | null;
    return (
      <div className="space-y-0.5 text-sm">
        <p className="flex flex-wrap items-center gap-1.5">
          <Pencil aria-hidden className="size-4 text-slate-500" />
          <span>
            Edited
            {changed.length > 0
              ? `: ${changed.map((key) => changedLabels[key] ?? key).join(", ")}`
              : ""}
          </span>
        </p>
        {severity && previous && (
          <p className="text-slate-700">
            Severity {riskSeverityLabels[previous] ?? previous} →{" "}
            {riskSeverityLabels[severity] ?? severity}
          </p>
        )}
        {meta}
      </div>
    );
  }
  const scheduledFor = text(detail.scheduledFor);
  const reason = text(detail.reason);
  const expiresOn = text(detail.expiresOn);
  const note = text(detail.note);
  return (
    <div className="space-y-0.5 text-sm">
      <p className="flex flex-wrap items-center gap-1.5">
        <StatusWord status={entry.fromStatus} />
        <ArrowRight aria-hidden className="size-4 text-slate-500" />
        <span className="sr-only"> to </span>
        <StatusWord status={entry.toStatus} />
      </p>
      {scheduledFor && <p className="text-slate-700">Fix planned for {formatDay(scheduledFor)}</p>}
      {reason && <p className="whitespace-pre-line text-slate-700">Reason: {reason}</p>}
      {expiresOn && <p className="text-slate-700">Accepted until {formatDay(expiresOn)}</p>}
      {note && <p className="whitespace-pre-line text-slate-700">Note: {note}</p>}
      {meta}
    </div>
  );
}
