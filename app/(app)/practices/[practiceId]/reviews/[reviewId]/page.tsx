import type { Metadata } from "next";
import { Suspense } from "react";
import { ReviewSkeleton } from "@/components/reviews/skeletons";
import { ReviewView } from "@/components/reviews/review-view";
import { ReviewsNav } from "@/components/reviews/reviews-nav";
import { Alert } from "@/components/ui/alert";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/server/permissions";
import { orNotFound } from "@/server/rsc-errors";
import { getQueryClient, HydrateClient, trpc } from "@/server/rsc";
import { requireUser } from "@/server/session";

export const metadata: Metadata = { title: "Review" };

export default async function PracticeReviewPage({
  params,
}: {
  params: Promise<{ practiceId: string; reviewId: string }>;
}) {
  const { practiceId, reviewId } = await params;
  const user = await requireUser();
  const queryClient = getQueryClient();
  const practice = await orNotFound(
    queryClient.fetchQuery(trpc.practices.get.queryOptions({ practiceId })),
  );
  // An unknown (or another practice's) review is the 404 page.
  await orNotFound(queryClient.fetchQuery(trpc.reviews.get.queryOptions({ practiceId, reviewId })));
  const archived = Boolean(practice.archivedAt);
  const canWrite = can(user.role, "reviews.write") && !archived;

  return (
    <HydrateClient>
      <PageHeader
        title={practice.name}
        description="Review: walk through the checklist and the SAFER self-assessment, note the findings and who attended, then sign it off."
      />
      <ReviewsNav practiceId={practiceId} />
      {archived && (
        <div className="mb-4">
          <Alert>This practice is archived; its reviews are read-only.</Alert>
        </div>
      )}
      <Suspense fallback={<ReviewSkeleton />}>
        <ReviewView
          practiceId={practiceId}
          reviewId={reviewId}
          timeZone={practice.timezone}
          canWrite={canWrite}
        />
      </Suspense>
    </HydrateClient>
  );
}
