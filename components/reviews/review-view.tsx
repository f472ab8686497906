"use client";

import { useSuspenseQuery } from "@tanstack/react-query";
import { ArrowLeft, Info } from "lucide-react";
import Link from "@/components/ui/link";
import { useTRPC } from "@/components/trpc/client";
import { Alert } from "@/components/ui/alert";
import { OpenBadge, SignedOffBadge } from "./badges";
import { formatDay, formatMoment } from "@/components/ui/format";
import { ReadinessFigures } from "./readiness-figures";
import { ReviewEditor } from "./review-editor";
import { ReviewReadOnly } from "./review-readonly";
import { RiskChangesPanel } from "./risk-changes";

/** One review: the form while it is open (read-only for those who cannot edit), frozen once signed off, with the risk changes and readiness beside it. */
export function ReviewView({
  practiceId,
  reviewId,
  timeZone,
  canWrite,
}: {
  practiceId: string;
  reviewId: string;
  timeZone: string;
  canWrite: boolean;
}) {
  const trpc = useTRPC();
  const { data } = useSuspenseQuery(trpc.reviews.get.queryOptions({ practiceId, reviewId }));
  const { review } = data;
  const signedOff = review.signedOffAt !== null;

  return (
    <div className="space-y-4">
      <div className="flex flex-col gap-2 sm:flex-row sm:items-center sm:justify-between">
        <div className="flex flex-wrap items-center gap-2">
          <h2 className="text-lg font-semibold text-slate-900">
            Review due {formatDay(review.dueOn)}
          </h2>
          {signedOff ? <SignedOffBadge /> : <OpenBadge />}
        </div>
        <Link
          href={`/practices/${practiceId}/reviews`}
          className="inline-flex items-center gap-1 text-sm font-medium text-brand-700 underline"
        >
          <ArrowLeft aria-hidden className="size-4" /> All reviews
        </Link>
      </div>
      {signedOff ? (
        <Alert tone="success">
          Signed off by {review.signedOffByName ?? "someone"} on{" "}
          {formatMoment(review.signedOffAt!, timeZone)}. It can no longer change.
        </Alert>
      ) : (
        <p className="text-sm text-slate-600">
          Last saved by {review.updatedByName}, {formatMoment(review.updatedAt, timeZone)}.
        </p>
      )}
      {!signedOff && !canWrite && (
        <p role="note" className="flex items-center gap-1.5 text-sm text-slate-600">
          <Info aria-hidden className="size-4 shrink-0" /> This review is in progress. You can read
          it; the MSP and the practice manager fill it in.
        </p>
      )}
      <div className="grid items-start gap-5 lg:grid-cols-[minmax(0,1fr)_20rem] xl:grid-cols-[minmax(0,1fr)_24rem]">
        <div className="min-w-0">
          {!signedOff && canWrite ? (
            <ReviewEditor key={review.id} practiceId={practiceId} review={review} />
          ) : (
            <ReviewReadOnly review={review} />
          )}
        </div>
        <aside aria-label="Since the previous review" className="space-y-5">
          <RiskChangesPanel
            practiceId={practiceId}
            changes={data.riskChanges}
            since={data.previousSignedOffAt}
            timeZone={timeZone}
          />
          <ReadinessFigures
            practiceId={practiceId}
            readiness={data.readiness}
            frozenAt={review.signedOffAt}
            timeZone={timeZone}
          />
        </aside>
      </div>
    </div>
  );
}
