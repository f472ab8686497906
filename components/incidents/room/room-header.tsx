"use client";

import {
  AlertTriangle,
  BellRing,
  Building2,
  CalendarClock,
  CalendarDays,
  CircleDollarSign,
  HeartPulse,
  Link2,
  OctagonAlert,
  Phone,
  PhoneCall,
  Timer,
  UserRound,
  MessageSquareText,
} from "lucide-react";
import { outreachPath } from "@/components/outreach/types";
import Link from "@/components/ui/link";
import { useEffect, type ReactNode } from "react";
import { formatClock, formatMoment, formatUsd } from "@/components/ui/format";
import { isOpenStatus } from "@/server/domain/incident-status";
import { outageCostCents, outageMinutes, outageTier } from "@/server/domain/incident-timing";
import { ScopeBadge, SeverityBadge, StatusBadge } from "./badges";
import { formatElapsed, formatGap, formatMinutes } from "./format";
import { useRoom, useRoomNow } from "./room-context";
import { ConnectionState } from "./timeline-panel";
import type { IncidentView } from "./types";
import { telHref } from "@/server/domain/phone-number";

function Figure({
  icon: Icon,
  label,
  children,
  tone = "plain",
}: {
  icon: typeof Timer;
  label: string;
  children: ReactNode;
  tone?: "plain" | "alert";
}) {
  return (
    <div
      className={`min-w-0 rounded-md border px-3 py-2 ${tone === "alert" ? "border-red-300 bg-red-50 text-red-900" : "border-slate-200 bg-slate-50"}`}
    >
      <dt
        className={`flex items-center gap-1.5 text-xs font-medium ${tone === "alert" ? "text-red-900" : "text-slate-600"}`}
      >
        <Icon aria-hidden className="size-3.5 shrink-0" />
        {label}
      </dt>
      <dd className="mt-0.5 text-sm font-semibold tabular-nums">{children}</dd>
    </div>
  );
}

/** The top of the room: what this is, how bad, how long and how costly so far, and what is promised next. */
export function RoomHeader({ view }: { view: IncidentView }) {
  const { timeZone, refreshSoon, access } = useRoom();
  const now = useRoomNow();
  const { incident, practice, plan } = view;
  const open = isOpenStatus(incident.status);
  const endedAt = incident.resolvedAt ?? incident.closedAt;
  const elapsedMs = (endedAt ?? now).getTime() - incident.startedAt.getTime();
  const minutes = outageMinutes({ startedAt: incident.startedAt, endedAt }, now);
  const costCents = outageCostCents(minutes, view.costPerMinuteCents);
  const liveTier = open ? outageTier(minutes, plan.shortOutageMaxMinutes) : view.tier;

  // The plan's long-outage text comes from the server: ask again when the clock crosses the limit.
  useEffect(() => {
    if (liveTier !== view.tier) refreshSoon();
  }, [liveTier, view.tier, refreshSoon]);

  const nextUpdate = view.nextUpdate;
  const updateGap = nextUpdate ? nextUpdate.dueAt.getTime() - now.getTime() : 0;
  const updateOverdue = nextUpdate !== null && updateGap < 0;

  return (
    <section
      aria-label="Incident summary"
      className="space-y-4 rounded-lg border border-slate-200 bg-white p-4 sm:p-5"
    >
      <div className="space-y-2">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <p className="flex flex-wrap items-center gap-x-2 text-sm text-slate-600">
            <Link
              href={`/practices/${practice.id}`}
              className="inline-flex items-center gap-1 font-medium text-brand-700 underline-offset-2 hover:underline"
            >
              <Building2 aria-hidden className="size-4" />
              {practice.name}
            </Link>
            <span aria-hidden>·</span>
            <span>Outage incident</span>
          </p>
          <ConnectionState closed={incident.status === "closed"} />
        </div>
        <h1 className="text-2xl font-semibold tracking-tight break-words text-slate-900">
          {incident.title}
        </h1>
        <div className="flex flex-wrap items-center gap-2">
          <StatusBadge status={incident.status} />
          <SeverityBadge severity={incident.severity} />
          <ScopeBadge scope={incident.scope} confirmed={Boolean(incident.scopeConfirmedByName)} />
          {view.linked.length > 0 && (
            <span className="inline-flex items-center gap-1 rounded border border-violet-700 bg-violet-50 px-1.5 py-0.5 text-xs font-medium text-violet-900">
              <Link2 aria-hidden className="size-3.5" />
              Linked with {view.linked.length} other practice{view.linked.length === 1 ? "" : "s"}
            </span>
          )}
        </div>
      </div>

      {incident.patientCareInterrupted ? (
        <p className="flex items-start gap-2 rounded-md border-2 border-red-700 bg-red-50 px-3 py-2 text-sm font-semibold text-red-900">
          <OctagonAlert aria-hidden className="mt-0.5 size-5 shrink-0" />
          {open ? (
            <span>
              Patient care is interrupted.{" "}
              <span className="font-normal">
                Follow the plan&apos;s visit rules: some visits wait until the EHR is back.
              </span>
            </span>
          ) : (
            <span>Patient care was interrupted during this outage.</span>
          )}
        </p>
      ) : (
        <p className="flex items-center gap-2 text-sm text-slate-700">
          <HeartPulse aria-hidden className="size-4 shrink-0" />
          Patient care is not interrupted.
        </p>
      )}

      {open && access.canWorkSchedule && (
        <p className="text-sm">
          <Link
            prefetch={false}
            href={`/practices/${practice.id}/schedule?incident=${incident.id}`}
            className="inline-flex min-h-9 items-center gap-1.5 rounded-md border border-slate-300 bg-white px-3 font-medium text-brand-700 hover:bg-slate-50"
          >
            <CalendarDays aria-hidden className="size-4" />
            Continuity schedule: mark arrivals, cancellations and walk-ins
          </Link>
        </p>
      )}
      {open && access.canWorkSchedule && (
        <p className="text-sm">
          <Link
            prefetch={false}
            href={outreachPath(practice.id, incident.id)}
            className="inline-flex min-h-9 items-center gap-1.5 rounded-md border border-slate-300 bg-white px-3 font-medium text-brand-700 hover:bg-slate-50"
          >
            <MessageSquareText aria-hidden className="size-4" />
            Patient messages: tell today&apos;s patients about the delay
          </Link>
        </p>
      )}

      <dl className="grid grid-cols-2 gap-2 lg:grid-cols-5">
        <Figure icon={CalendarClock} label="Started">
          <span className="font-medium">{formatMoment(incident.startedAt, timeZone)}</span>
        </Figure>
        <Figure icon={Timer} label={endedAt ? "Lasted" : "Running for"}>
          <span aria-live="off">{formatElapsed(elapsedMs)}</span>
        </Figure>
        <Figure icon={CircleDollarSign} label="Estimated cost">
          {formatUsd(costCents)}
          <span className="block text-xs font-normal text-slate-600">
            at {formatUsd(view.costPerMinuteCents)}/min
          </span>
        </Figure>
        <Figure
          icon={BellRing}
          label="Updates to everyone"
          tone={updateOverdue ? "alert" : "plain"}
        >
          {!nextUpdate ? (
            <span className="font-normal text-slate-700">
              None due: {incident.status === "closed" ? "closed" : "resolved"}
            </span>
          ) : updateOverdue ? (
            <span className="inline-flex items-start gap-1">
              <AlertTriangle aria-hidden className="mt-0.5 size-4 shrink-0" />
              <span>
                Update <strong>OVERDUE</strong> by {formatGap(updateGap)}
              </span>
            </span>
          ) : (
            <>
              Next update due in {formatGap(updateGap)}
              <span className="block text-xs font-normal text-slate-600">
                at {formatClock(nextUpdate.dueAt, timeZone)} · every{" "}
                {formatMinutes(incident.updateEveryMinutes)}
              </span>
            </>
          )}
        </Figure>
        <Figure
          icon={PhoneCall}
          label="First vendor contact"
          tone={
            view.minutesToFirstVendorContact === null && open && minutes >= 15 ? "alert" : "plain"
          }
        >
          {view.minutesToFirstVendorContact === null ? (
            <span className="font-normal">
              {open ? "Not yet: open a vendor ticket when you call" : "No vendor was contacted"}
            </span>
          ) : (
            <>{formatMinutes(view.minutesToFirstVendorContact)} after the start</>
          )}
        </Figure>
      </dl>

      <p className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-slate-700">
        <span className="inline-flex items-center gap-1.5">
          <UserRound aria-hidden className="size-4" />
          Outage owner:{" "}
          <strong className="font-semibold text-slate-900">{incident.ownerName}</strong>
        </span>
        {incident.ownerPhone && (
          <a
            href={telHref(incident.ownerPhone)}
            className="inline-flex min-h-8 items-center gap-1 font-medium text-brand-700 underline-offset-2 hover:underline"
          >
            <Phone aria-hidden className="size-4" />
            {incident.ownerPhone}
          </a>
        )}
      </p>

      {open && (
        <TierNotice
          tier={liveTier}
          serverTier={view.tier}
          limitMinutes={plan.shortOutageMaxMinutes}
          text={plan.tierPlan}
        />
      )}
    </section>
  );
}

function TierNotice({
  tier,
  serverTier,
  limitMinutes,
  text,
}: {
  tier: "short" | "long";
  serverTier: "short" | "long";
  limitMinutes: number;
  text: string;
}) {
  // Until the server has answered for the new tier, its text is the other tier's.
  const loading = tier !== serverTier;
  const planText = loading ? "" : text.trim();
  if (tier === "long") {
    return (
      <section
        aria-label="Long outage"
        className="rounded-md border-2 border-amber-600 bg-amber-50 px-3 py-3 text-amber-950"
      >
        <h2 className="flex items-start gap-2 text-base font-semibold">
          <AlertTriangle aria-hidden className="mt-0.5 size-5 shrink-0" />
          This outage has outlasted the plan&apos;s short-outage limit (
          {formatMinutes(limitMinutes)}): switch to the long-outage plan
        </h2>
        <p className="mt-2 text-sm whitespace-pre-line">
          {loading
            ? "Loading the long-outage plan…"
            : planText || "The plan has no long-outage steps yet. Add them on the Plan tab."}
        </p>
      </section>
    );
  }
  return (
    <section
      aria-label="Short-outage plan"
      className="rounded-md border border-slate-200 bg-slate-50 px-3 py-3"
    >
      <h2 className="text-sm font-semibold text-slate-900">
        Short-outage plan (up to {formatMinutes(limitMinutes)})
      </h2>
      <p className="mt-1 text-sm whitespace-pre-line text-slate-700">
        {planText || "The plan has no short-outage steps yet. Add them on the Plan tab."}
      </p>
    </section>
  );
}
