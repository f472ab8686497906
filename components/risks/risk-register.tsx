"use client";

import { useSuspenseQuery } from "@tanstack/react-query";
import { ListChecks, Pencil, Plus, ShieldAlert } from "lucide-react";
import Link from "@/components/ui/link";
import { useState } from "react";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Pagination } from "@/components/ui/pagination";
import { useHydrated } from "@/components/ui/use-hydrated";
import { riskListFilters } from "@/server/contracts/risks";
import { OriginBadges, RiskStatusBadge, SeverityBadge } from "./risk-badges";
import { RiskDialog, type RiskTarget } from "./risk-dialog";
import { StatusDialog } from "./status-dialog";
import {
  registerHref,
  riskCategoryLabel,
  riskFilterLabels,
  riskHref,
  RISK_PAGE_SIZE,
  type RiskFilter,
  type RiskListItem,
  type StatusTarget,
} from "./types";

const emptyFilterText: Record<RiskFilter, string> = {
  active: "No active risks — every recorded risk is resolved.",
  urgent: "No urgent risks open.",
  resolved: "No risks resolved yet.",
  all: "No risks recorded.",
};

/** The practice's risk register: filter tabs with counts, one card per risk, add / edit / change status. */
export function RiskRegister({
  practiceId,
  filter,
  page,
  canWrite,
}: {
  practiceId: string;
  filter: RiskFilter;
  page: number;
  canWrite: boolean;
}) {
  const trpc = useTRPC();
  const hydrated = useHydrated();
  const { data } = useSuspenseQuery(
    trpc.risks.list.queryOptions({ practiceId, filter, page, pageSize: RISK_PAGE_SIZE }),
  );
  const [editing, setEditing] = useState<RiskTarget | null>(null);
  const [changing, setChanging] = useState<StatusTarget | null>(null);

  if (data.counts.all === 0) {
    return (
      <div className="space-y-4">
        {canWrite && (
          <div className="flex justify-end">
            <Button disabled={!hydrated} onClick={() => setEditing({ mode: "new" })}>
              <Plus aria-hidden className="size-4" /> Add risk
            </Button>
          </div>
        )}
        <EmptyState
          icon={ShieldAlert}
          title="No risks recorded — add the first, or record backup tests and drills that propose them"
        >
          {canWrite
            ? "Note what would make an outage worse: open admin access, missing MFA, unknown vendor remote access, untested backups, unsupported devices. Failed restore tests and drill findings can be raised as risks too."
            : "The MSP and the practice manager record risks here; they will appear with their status and who owns them."}
        </EmptyState>
        {canWrite && (
          <RiskDialog practiceId={practiceId} target={editing} onClose={() => setEditing(null)} />
        )}
      </div>
    );
  }

  return (
    <div className="space-y-4">
      <div className="flex flex-col gap-3 sm:flex-row sm:items-center sm:justify-between">
        <nav aria-label="Filter risks">
          <ul className="grid grid-cols-4 gap-1 sm:flex">
            {riskListFilters.map((key) => {
              const current = key === filter;
              return (
                <li key={key}>
                  <Link
                    href={registerHref(practiceId, key)}
                    aria-current={current ? "page" : undefined}
                    className={`inline-flex min-h-10 w-full items-center justify-center gap-1.5 whitespace-nowrap rounded-md border px-2 py-1.5 text-sm sm:w-auto sm:px-3 ${
                      current
                        ? "border-slate-800 bg-slate-800 font-semibold text-white"
                        : "border-slate-300 bg-white font-medium text-slate-700 hover:bg-slate-100"
                    }`}
                  >
                    {riskFilterLabels[key]}
                    <span
                      className={`rounded-full px-1.5 text-xs ${current ? "bg-white/20" : key === "urgent" && data.counts.urgent > 0 ? "bg-red-100 text-red-800" : "bg-slate-100"}`}
                    >
                      {data.counts[key]}
                    </span>
                  </Link>
                </li>
              );
            })}
          </ul>
        </nav>
        {canWrite && (
          <Button disabled={!hydrated} onClick={() => setEditing({ mode: "new" })}>
            <Plus aria-hidden className="size-4" /> Add risk
          </Button>
        )}
      </div>

      {data.items.length === 0 ? (
        <EmptyState icon={ListChecks} title={emptyFilterText[filter]}>
          <Link className="text-brand-700 underline" href={registerHref(practiceId, "all")}>
            See all {data.counts.all} risk{data.counts.all === 1 ? "" : "s"}
          </Link>
        </EmptyState>
      ) : (
        <ul className="space-y-3" aria-label={`${riskFilterLabels[filter]} risks`}>
          {data.items.map((risk) => (
            <li key={risk.id}>
              <RiskCard
                practiceId={practiceId}
                risk={risk}
                canWrite={canWrite}
                hydrated={hydrated}
                onEdit={() => setEditing({ mode: "edit", risk })}
                onChangeStatus={() => setChanging(risk)}
              />
            </li>
          ))}
        </ul>
      )}
      <Pagination
        page={data.page}
        pageSize={data.pageSize}
        total={data.total}
        hrefFor={(target) => registerHref(practiceId, filter, target)}
      />

      {canWrite && (
        <>
          <RiskDialog practiceId={practiceId} target={editing} onClose={() => setEditing(null)} />
          <StatusDialog
            practiceId={practiceId}
            risk={changing}
            today={data.today}
            onClose={() => setChanging(null)}
          />
        </>
      )}
    </div>
  );
}

function RiskCard({
  practiceId,
  risk,
  canWrite,
  hydrated,
  onEdit,
  onChangeStatus,
}: {
  practiceId: string;
  risk: RiskListItem;
  canWrite: boolean;
  hydrated: boolean;
  onEdit: () => void;
  onChangeStatus: () => void;
}) {
  const headingId = `risk-${risk.id}`;
  const resolved = risk.status === "resolved";
  return (
    <article
      aria-labelledby={headingId}
      className={`rounded-lg border bg-white px-4 py-3 sm:px-5 ${resolved ? "border-slate-200 bg-slate-50/60" : "border-slate-200"}`}
    >
      <div className="flex flex-col gap-3 md:flex-row md:items-start md:justify-between">
        <div className="min-w-0 flex-1 space-y-2">
          <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
            <SeverityBadge severity={risk.severity} />
            <h2 id={headingId} className="min-w-0 text-base font-semibold text-slate-900">
              <Link href={riskHref(practiceId, risk.id)} className="hover:underline">
                {risk.title}
              </Link>
            </h2>
          </div>
          <div className="flex flex-wrap items-center gap-1.5">
            <RiskStatusBadge risk={risk} />
            <span className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-700">
              {riskCategoryLabel(risk.category)}
            </span>
            <OriginBadges risk={risk} />
          </div>
          <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 text-sm">
            <dt className="text-slate-500">Owner</dt>
            <dd>{risk.owner || <span className="text-slate-500">Nobody named</span>}</dd>
            <dt className="text-slate-500">Systems</dt>
            <dd className="min-w-0">
              {risk.systems.length > 0 ? (
                risk.systems.map((system) => system.name).join(", ")
              ) : (
                <span className="text-slate-500">None linked</span>
              )}
            </dd>
          </dl>
        </div>
        {canWrite && (
          <div className="flex flex-wrap gap-2 md:justify-end">
            <Button disabled={!hydrated} variant="secondary" onClick={onChangeStatus}>
              <ListChecks aria-hidden className="size-4" /> Change status
              <span className="sr-only"> of {risk.title}</span>
            </Button>
            <Button variant="secondary" disabled={!hydrated} onClick={onEdit}>
              <Pencil aria-hidden className="size-4" /> Edit
              <span className="sr-only"> {risk.title}</span>
            </Button>
          </div>
        )}
      </div>
    </article>
  );
}
