import { AlertTriangle, CheckCircle2, ChevronRight, Clock } from "lucide-react";
import Link from "@/components/ui/link";
import type { ReactNode } from "react";
import { formatDay, formatMoment } from "@/components/ui/format";
import { localDate } from "@/server/domain/local-date";
import type { PracticeReadiness as Readiness } from "@/server/services/readiness";

type Tone = "ok" | "attention" | "problem";
const tones: Record<Tone, { Icon: typeof CheckCircle2; word: string; className: string }> = {
  ok: {
    Icon: CheckCircle2,
    word: "OK",
    className: "text-emerald-800 bg-emerald-50 border-emerald-200",
  },
  attention: {
    Icon: Clock,
    word: "Attention",
    className: "text-amber-900 bg-amber-50 border-amber-200",
  },
  problem: {
    Icon: AlertTriangle,
    word: "Needs action",
    className: "text-red-900 bg-red-50 border-red-200",
  },
};

function Card({
  title,
  href,
  tone,
  status,
  children,
}: {
  title: string;
  href: string;
  tone: Tone;
  status: string;
  children?: ReactNode;
}) {
  const { Icon, word, className } = tones[tone];
  return (
    <li className="rounded-lg border border-slate-200 bg-white">
      <Link
        href={href}
        className="group flex h-full flex-col gap-2 rounded-lg p-4 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-brand-600"
      >
        <span className="flex items-center justify-between gap-2">
          <span className="text-sm font-semibold text-slate-900">{title}</span>
          <ChevronRight aria-hidden className="size-4 text-slate-400 group-hover:text-slate-700" />
        </span>
        <span
          className={`inline-flex w-fit items-center gap-1 rounded-full border px-2 py-0.5 text-xs font-medium ${className}`}
        >
          <Icon aria-hidden className="size-3.5" />
          <span className="sr-only">{word}: </span>
          {status}
        </span>
        {children && <span className="text-sm text-slate-600">{children}</span>}
      </Link>
    </li>
  );
}

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? "" : "s"}`;

/** The practice at a glance: plan, next review, backup tests, risks, vendor contacts and drills, each linking to where it is fixed. */
export function PracticeReadiness({
  practiceId,
  readiness,
  timeZone,
}: {
  practiceId: string;
  readiness: Readiness;
  timeZone: string;
}) {
  const base = `/practices/${practiceId}`;
  const { plan, review, backups, risks, vendors, drills } = readiness;
  const planTone: Tone =
    plan.publishedVersion === null || plan.planReviewOverdue
      ? "problem"
      : plan.packetStale || plan.completenessScore < 100
        ? "attention"
        : "ok";
  const reviewTone: Tone =
    review.status === "overdue" ? "problem" : review.status === "due_soon" ? "attention" : "ok";
  const backupTone: Tone =
    backups.failing > 0 || backups.overdue > 0
      ? "problem"
      : backups.tracked === 0
        ? "attention"
        : "ok";
  const riskTone: Tone = risks.urgentOpen > 0 ? "problem" : risks.open > 0 ? "attention" : "ok";
  const vendorTone: Tone =
    vendors.linked === 0 || vendors.verifiedWithin90Days < vendors.linked ? "attention" : "ok";
  const oldestUrgentDays = risks.oldestUrgentOpenAt
    ? Math.floor((Date.parse(readiness.asOf) - Date.parse(risks.oldestUrgentOpenAt)) / 86_400_000)
    : null;

  return (
    <section aria-labelledby="readiness-heading" className="mb-6">
      <h2 id="readiness-heading" className="mb-3 text-base font-semibold">
        Readiness at a glance
      </h2>
      <ul className="grid gap-3 sm:grid-cols-2 xl:grid-cols-3">
        <Card
          title="Downtime plan"
          href={`${base}/plan`}
          tone={planTone}
          status={
            plan.publishedVersion === null
              ? "Not published"
              : plan.planReviewOverdue
                ? "Plan review overdue"
                : `Version ${plan.publishedVersion} published`
          }
        >
          {plan.completenessScore}% complete
          {plan.nextPlanReviewOn && ` · review the plan by ${formatDay(plan.nextPlanReviewOn)}`}
          {plan.packetStale && " · printed packet is stale — reprint"}
          {plan.unpublishedChanges && plan.publishedVersion !== null && " · unpublished changes"}
        </Card>
        <Card
          title="Next review"
          href={`${base}/reviews`}
          tone={reviewTone}
          status={
            review.status === "overdue"
              ? `Overdue since ${formatDay(review.dueOn)}`
              : `Due ${formatDay(review.dueOn)}`
          }
        >
          {review.cadenceMonths === 1
            ? `Monthly while ${review.cadenceReasons.join(", ")}`
            : "Quarterly"}
          {review.openReviewId && " · a review is in progress"}
        </Card>
        <Card
          title="Backup tests"
          href={`${base}/backups`}
          tone={backupTone}
          status={
            backups.tracked === 0
              ? "No restore tests set up"
              : backups.failing + backups.overdue === 0
                ? `${plural(backups.tracked, "system")} tested on time`
                : [
                    backups.overdue > 0 && `${backups.overdue} overdue`,
                    backups.failing > 0 && `${backups.failing} failing`,
                  ]
                    .filter(Boolean)
                    .join(" · ")
          }
        >
          {backups.flagged.length > 0
            ? backups.flagged
                .map(
                  (system) =>
                    `${system.name} (${[system.overdue && "overdue", system.failing && "failing"].filter(Boolean).join(", ")})`,
                )
                .join("; ")
            : backups.tracked > 0
              ? `${plural(backups.tracked, "system")} tracked`
              : "Set a cadence and targets for each backed-up system."}
        </Card>
        <Card
          title="Risks"
          href={`${base}/risks`}
          tone={riskTone}
          status={
            risks.urgentOpen > 0
              ? `${risks.urgentOpen} urgent open`
              : risks.open > 0
                ? `${risks.open} open`
                : "No open risks"
          }
        >
          {risks.open > 0 ? `${plural(risks.open, "open risk")}` : "Nothing open in the register"}
          {oldestUrgentDays !== null &&
            ` · oldest urgent risk open ${plural(oldestUrgentDays, "day")}`}
        </Card>
        <Card
          title="Vendor contacts"
          href={`${base}/vendors`}
          tone={vendorTone}
          status={
            vendors.linked === 0
              ? "No vendors yet"
              : `${vendors.verifiedWithin90Days} of ${vendors.linked} verified`
          }
        >
          Verified in the last 90 days
        </Card>
        <Card
          title="Drills"
          href={`${base}/drills`}
          tone={drills.lastHeldAt ? "ok" : "attention"}
          status={
            drills.lastHeldAt
              ? `Last held ${formatDay(localDate(new Date(drills.lastHeldAt), timeZone))}`
              : "No drill held yet"
          }
        >
          {drills.nextScheduledFor
            ? `Next: ${formatMoment(drills.nextScheduledFor, timeZone)}`
            : "None scheduled"}
        </Card>
      </ul>
    </section>
  );
}
