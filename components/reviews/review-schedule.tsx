"use client";

import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import {
  ArrowRight,
  CalendarDays,
  ClipboardCheck,
  ClipboardPen,
  History,
  Repeat,
} from "lucide-react";
import Link from "@/components/ui/link";
import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { callProblem } from "@/components/trpc/call-problem";
import { useTRPC } from "@/components/trpc/client";
import { Button, ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { useHydrated } from "@/components/ui/use-hydrated";
import { OpenBadge, ScheduleBadge, SignedOffBadge } from "./badges";
import { formatDay, formatDayOf, formatMoment } from "@/components/ui/format";
import type { ReviewSchedule as Schedule } from "./types";

function dueWords(schedule: Schedule): string {
  const days = schedule.daysLeft;
  if (days < 0) return `${-days} day${days === -1 ? "" : "s"} overdue`;
  if (days === 0) return "due today";
  return `in ${days} day${days === 1 ? "" : "s"}`;
}

/** When the practice's next review is due and why, the open review, and the reviews signed off before. */
export function ReviewScheduleView({
  practiceId,
  timeZone,
  canWrite,
}: {
  practiceId: string;
  timeZone: string;
  canWrite: boolean;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const hydrated = useHydrated();
  const queryClient = useQueryClient();
  const { data } = useSuspenseQuery(trpc.reviews.list.queryOptions({ practiceId }));
  const { schedule, items } = data;
  const open = items.find((item) => item.signedOffAt === null) ?? null;
  const signed = items.filter((item) => item.signedOffAt !== null);
  const start = useMutation(
    trpc.reviews.start.mutationOptions({
      onSuccess: async ({ id, created }) => {
        await queryClient.invalidateQueries({
          queryKey: trpc.reviews.list.queryKey({ practiceId }),
        });
        if (created)
          toast.success("Review started", {
            description:
              "Walk through the checklist and the SAFER self-assessment, then sign it off.",
          });
        else toast.info("A review was already open; here it is.");
        router.push(`/practices/${practiceId}/reviews/${id}`);
      },
      onError: (error) => {
        toast.error(callProblem(error, "Could not start the review. Try again.").message);
      },
    }),
  );
  const cadenceName = schedule.cadence.months === 1 ? "Monthly" : "Quarterly";

  return (
    <div className="space-y-6">
      <section
        aria-labelledby="next-review"
        className={`rounded-lg border bg-white p-4 sm:p-5 ${schedule.status === "overdue" ? "border-red-300" : schedule.status === "due_soon" ? "border-amber-300" : "border-slate-200"}`}
      >
        <div className="flex flex-col gap-4 sm:flex-row sm:items-start sm:justify-between">
          <div className="space-y-2">
            <h2
              id="next-review"
              className="text-sm font-semibold uppercase tracking-wide text-slate-600"
            >
              Next review
            </h2>
            <p className="flex flex-wrap items-center gap-2">
              <CalendarDays aria-hidden className="size-5 text-slate-500" />
              <span className="text-xl font-semibold text-slate-900">
                Due {formatDay(schedule.dueOn)}
              </span>
              <ScheduleBadge status={schedule.status} />
              <span
                className={`text-sm ${schedule.status === "overdue" ? "font-semibold text-red-800" : "text-slate-600"}`}
              >
                {dueWords(schedule)}
              </span>
            </p>
            <p className="flex items-start gap-1.5 text-sm text-slate-700">
              <Repeat aria-hidden className="mt-0.5 size-4 shrink-0 text-slate-500" />
              <span>
                <strong>{cadenceName}</strong>
                {schedule.cadence.reasons.length > 0
                  ? ` while the practice is: ${schedule.cadence.reasons.join(", ")}. Back to quarterly once that is over.`
                  : ": every three months after the last sign-off. Monthly while a practice is a new office, migrating, or had an incident recently."}
              </span>
            </p>
            <p className="text-sm text-slate-600">
              {schedule.lastSignedOffAt
                ? `Last review signed off ${formatDayOf(schedule.lastSignedOffAt, timeZone)}.`
                : "No review signed off yet: the first one is due a cadence after the practice joined."}
            </p>
          </div>
          <div className="flex shrink-0 flex-col gap-2 sm:items-end">
            {schedule.openReviewId ? (
              <ButtonLink href={`/practices/${practiceId}/reviews/${schedule.openReviewId}`}>
                <ClipboardPen aria-hidden className="size-4" />{" "}
                {canWrite ? "Continue the open review" : "See the open review"}
              </ButtonLink>
            ) : (
              canWrite && (
                <Button
                  disabled={!hydrated || start.isPending}
                  onClick={() => start.mutate({ practiceId })}
                >
                  <ClipboardCheck aria-hidden className="size-4" />{" "}
                  {start.isPending ? "Starting…" : "Start review"}
                </Button>
              )
            )}
          </div>
        </div>
        {open && (
          <p className="mt-4 flex flex-wrap items-center gap-2 border-t border-slate-100 pt-3 text-sm text-slate-700">
            <OpenBadge />
            Review due {formatDay(open.dueOn)} is open · last saved by {open.updatedByName},{" "}
            {formatMoment(open.updatedAt, timeZone)}
          </p>
        )}
      </section>

      <section aria-labelledby="past-reviews" className="space-y-3">
        <h2 id="past-reviews" className="text-lg font-semibold text-slate-900">
          Signed-off reviews
        </h2>
        {signed.length === 0 ? (
          <EmptyState icon={History} title="No reviews signed off yet">
            {canWrite
              ? "Start the first review: the checklist, the SAFER self-assessment, findings and who attended, then sign it off."
              : "Signed-off reviews will be listed here."}
          </EmptyState>
        ) : (
          <ul
            aria-label="Signed-off reviews"
            className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white"
          >
            {signed.map((item) => (
              <li key={item.id}>
                <Link
                  href={`/practices/${practiceId}/reviews/${item.id}`}
                  className="flex flex-col gap-1 px-4 py-3 hover:bg-slate-50 sm:flex-row sm:items-center sm:justify-between"
                >
                  <span className="flex flex-wrap items-center gap-2">
                    <span className="font-medium text-brand-700 underline">
                      Review due {formatDay(item.dueOn)}
                    </span>
                    <SignedOffBadge />
                  </span>
                  <span className="flex items-center gap-1 text-sm text-slate-600">
                    Signed off by {item.signedOffByName ?? "someone"} on{" "}
                    {formatDayOf(item.signedOffAt!, timeZone)}
                    <ArrowRight aria-hidden className="size-4" />
                  </span>
                </Link>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
