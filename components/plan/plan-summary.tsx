import {
  CalendarClock,
  CalendarDays,
  CheckCircle2,
  CircleAlert,
  Download,
  FilePen,
  History,
  LayoutTemplate,
  Printer,
  PrinterCheck,
  PrinterX,
  TriangleAlert,
} from "lucide-react";
import Link from "@/components/ui/link";
import type { ReactNode } from "react";
import { buttonClass } from "@/components/ui/button";
import { completenessRequirementCount, type PlanGap } from "@/server/domain/plan-completeness";
import { gapHref } from "./gaps";
import { sectionTitles, type SectionKey } from "@/server/contracts/plans";
import { formatDay, formatMoment } from "@/components/ui/format";

/** A status shown with an icon and a word as well as a colour. */
export function StatusBadge({
  tone,
  icon: Icon,
  children,
}: {
  tone: "ok" | "warn" | "bad" | "neutral";
  icon: typeof CheckCircle2;
  children: ReactNode;
}) {
  const tones = {
    ok: "border-emerald-200 bg-emerald-50 text-emerald-900",
    warn: "border-amber-200 bg-amber-50 text-amber-900",
    bad: "border-red-200 bg-red-50 text-red-900",
    neutral: "border-slate-200 bg-slate-100 text-slate-800",
  } as const;
  return (
    <span
      className={`inline-flex items-center gap-1 rounded-full border px-2 py-0.5 text-xs font-semibold ${tones[tone]}`}
    >
      <Icon aria-hidden className="size-3.5" />
      {children}
    </span>
  );
}

function Card({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section
      aria-labelledby={id}
      className="rounded-lg border border-slate-200 bg-white p-4 sm:p-5"
    >
      <h2 id={id} className="mb-3 text-sm font-semibold uppercase tracking-wide text-slate-600">
        {title}
      </h2>
      {children}
    </section>
  );
}

export function CompletenessCard({
  score,
  missing,
  canEdit,
}: {
  score: number;
  missing: PlanGap[];
  canEdit: boolean;
}) {
  const met = completenessRequirementCount - missing.length;
  return (
    <Card id="plan-completeness" title="Completeness">
      <p className="flex items-baseline gap-1">
        <span className="text-3xl font-semibold tabular-nums text-slate-900">{score}</span>
        <span className="text-sm text-slate-600"> / 100</span>
      </p>
      <div
        role="meter"
        aria-label="Plan completeness"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={score}
        aria-valuetext={`${score} out of 100`}
        className="relative mt-2 h-3 overflow-hidden rounded-full border border-slate-300 bg-slate-100"
      >
        <div
          className={`h-full ${score === 100 ? "bg-emerald-600" : "bg-brand-600"}`}
          style={{ width: `${score}%` }}
        />
        {/* Quarter marks, so the bar reads without colour too. */}
        {[25, 50, 75].map((mark) => (
          <span
            key={mark}
            aria-hidden
            className="absolute inset-y-0 w-px bg-slate-400/70"
            style={{ left: `${mark}%` }}
          />
        ))}
      </div>
      <p className="mt-2 text-sm">
        {missing.length === 0 ? (
          <StatusBadge tone="ok" icon={CheckCircle2}>
            Complete
          </StatusBadge>
        ) : (
          <StatusBadge tone="warn" icon={CircleAlert}>
            Incomplete
          </StatusBadge>
        )}{" "}
        <span className="text-slate-700">
          {met} of {completenessRequirementCount} requirements met
        </span>
      </p>
      {missing.length > 0 && (
        <>
          <h3 className="mt-3 text-sm font-medium text-slate-800">Still missing</h3>
          <ul className="mt-1 space-y-1 text-sm text-slate-700" aria-label="Still missing">
            {missing.map((gap) => (
              <li key={gap.text} className="flex gap-1.5">
                <CircleAlert aria-hidden className="mt-0.5 size-3.5 shrink-0 text-amber-700" />
                <a
                  href={gapHref(gap, canEdit)}
                  className="text-brand-700 underline-offset-2 hover:underline"
                >
                  {gap.text}
                </a>
              </li>
            ))}
          </ul>
        </>
      )}
    </Card>
  );
}

type Published = {
  number: number;
  publishedAt: Date;
  publishedByName: string;
  nextReviewOn: string;
  reviewOverdue: boolean;
  completenessScore: number;
} | null;

export function PublicationCard({
  practiceId,
  published,
  unpublishedChanges,
  timeZone,
  children,
}: {
  practiceId: string;
  published: Published;
  unpublishedChanges: boolean;
  timeZone: string;
  /** The publish form, for those who may publish. */
  children?: ReactNode;
}) {
  return (
    <Card id="plan-publication" title="Publication">
      <div className="space-y-2 text-sm">
        {published ? (
          <>
            <p>
              <StatusBadge tone="ok" icon={CheckCircle2}>
                Published
              </StatusBadge>
            </p>
            <p className="font-medium text-slate-900">
              Published version {published.number} by {published.publishedByName} on{" "}
              {formatMoment(published.publishedAt, timeZone)}
            </p>
            <p className="text-slate-600">
              Completeness when published: {published.completenessScore} / 100
            </p>
            <p className="flex flex-wrap items-center gap-1.5">
              <CalendarClock aria-hidden className="size-4 text-slate-500" />
              <span>Next review {formatDay(published.nextReviewOn)}</span>
              {published.reviewOverdue && (
                <StatusBadge tone="bad" icon={TriangleAlert}>
                  Review overdue
                </StatusBadge>
              )}
            </p>
            {unpublishedChanges && (
              <div
                className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-amber-950"
                role="status"
              >
                <p className="flex items-center gap-1.5 font-medium">
                  <FilePen aria-hidden className="size-4" /> Unpublished changes
                </p>
                <p className="mt-0.5">
                  The draft differs from version {published.number}; the packet shows version{" "}
                  {published.number} until you publish.{" "}
                  <Link
                    className="text-brand-700 underline"
                    href={`/practices/${practiceId}/plan/versions?from=${published.number}&to=draft`}
                  >
                    See what changed
                  </Link>
                </p>
              </div>
            )}
          </>
        ) : (
          <>
            <p>
              <StatusBadge tone="neutral" icon={FilePen}>
                Draft
              </StatusBadge>
            </p>
            <p className="text-slate-700">
              Not published yet. Publish a version to print the packet the front desk keeps.
            </p>
          </>
        )}
        <p>
          <Link
            href={`/practices/${practiceId}/plan/versions`}
            className="inline-flex items-center gap-1 text-brand-700 underline"
          >
            <History aria-hidden className="size-4" /> Versions and comparison
          </Link>
        </p>
      </div>
      {children && <div className="mt-4 border-t border-slate-100 pt-4">{children}</div>}
    </Card>
  );
}

type PacketState = {
  lastPrintedAt: Date;
  lastPrintedByName: string;
  versionNumber: number;
  stale: boolean;
} | null;

/** The practice's schedule copy, when it keeps one and the viewer may print it. */
export type SchedulePrintOffer = { href: string; copyAsOf: Date | null; stale: boolean } | null;

export function PacketCard({
  practiceId,
  published,
  packet,
  timeZone,
  schedule = null,
}: {
  practiceId: string;
  published: Published;
  packet: PacketState;
  timeZone: string;
  schedule?: SchedulePrintOffer;
}) {
  return (
    <Card id="plan-packet" title="Downtime packet">
      <div className="space-y-2 text-sm">
        {!published ? (
          <p className="text-slate-700">
            The packet can be printed once a version of the plan is published.
          </p>
        ) : !packet ? (
          <>
            <p>
              <StatusBadge tone="warn" icon={PrinterX}>
                Never printed
              </StatusBadge>
            </p>
            <p className="text-slate-700">
              Print it for the front-desk binder: it works with no power, internet or EHR.
            </p>
          </>
        ) : packet.stale ? (
          <>
            <p>
              <StatusBadge tone="bad" icon={TriangleAlert}>
                Packet stale — reprint
              </StatusBadge>
            </p>
            <p className="text-slate-700">
              Printed {formatMoment(packet.lastPrintedAt, timeZone)} by {packet.lastPrintedByName}{" "}
              for version {packet.versionNumber}; version {published.number} has been published
              since.
            </p>
          </>
        ) : (
          <>
            <p>
              <StatusBadge tone="ok" icon={PrinterCheck}>
                Up to date
              </StatusBadge>
            </p>
            <p className="text-slate-700">
              Printed {formatMoment(packet.lastPrintedAt, timeZone)} by {packet.lastPrintedByName}{" "}
              for version {packet.versionNumber}.
            </p>
          </>
        )}
        {published && (
          <div className="flex flex-wrap gap-2 pt-2">
            {/* Plain links: a prefetch must never count as a print. */}
            <a className={buttonClass("primary")} href={`/print/practices/${practiceId}/packet`}>
              <Printer aria-hidden className="size-4" /> Print packet
            </a>
            <a
              className={buttonClass("secondary")}
              href={`/print/practices/${practiceId}/packet.pdf`}
            >
              <Download aria-hidden className="size-4" /> Download PDF
            </a>
          </div>
        )}
        {schedule && (
          <div className="space-y-2 border-t border-slate-100 pt-3">
            <p className="text-slate-700">
              Print today&apos;s schedule with it: the appointments and the patients&apos; phone
              numbers from the schedule copy
              {schedule.copyAsOf ? ` (as of ${formatMoment(schedule.copyAsOf, timeZone)})` : ""}.
            </p>
            {schedule.stale && (
              <p>
                <StatusBadge tone="warn" icon={TriangleAlert}>
                  Copy older than a day
                </StatusBadge>
              </p>
            )}
            {/* A plain link: opening the print is a read of patient data, never prefetched. */}
            <a className={buttonClass("secondary")} href={schedule.href}>
              <CalendarDays aria-hidden className="size-4" /> Print today&apos;s schedule
            </a>
          </div>
        )}
      </div>
    </Card>
  );
}

export function TemplateUpdatesBanner({
  practiceId,
  sections,
}: {
  practiceId: string;
  sections: SectionKey[];
}) {
  return (
    <div
      role="status"
      className="flex flex-col gap-3 rounded-lg border border-sky-300 bg-sky-50 px-4 py-3 text-sm text-sky-950 sm:flex-row sm:items-center sm:justify-between"
    >
      <p className="flex gap-2">
        <LayoutTemplate aria-hidden className="mt-0.5 size-4 shrink-0" />
        <span>
          <span className="font-semibold">The MSP&apos;s plan template has changed</span> for{" "}
          {sections.map((key) => sectionTitles[key]).join(", ")}. This practice has its own version
          of {sections.length === 1 ? "that section" : "those sections"}: choose whether to use the
          template or keep yours.
        </span>
      </p>
      <Link
        href={`/practices/${practiceId}/plan/template-changes`}
        className={buttonClass("secondary", "shrink-0")}
      >
        Review template changes
      </Link>
    </div>
  );
}
