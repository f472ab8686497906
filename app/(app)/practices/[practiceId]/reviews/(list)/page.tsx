import type { Metadata } from "next";
import { Suspense } from "react";
import { ReviewScheduleSkeleton } from "@/components/reviews/skeletons";
import { ReviewScheduleView } from "@/components/reviews/review-schedule";
import { ReviewsNav } from "@/components/reviews/reviews-nav";
import { Alert } from "@/components/ui/alert";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/server/permissions";
import { orNotFound } from "@/server/rsc-errors";
import { getQueryClient, HydrateClient, trpc } from "@/server/rsc";
import { requireUser } from "@/server/session";

export const metadata: Metadata = { title: "Reviews" };

export default async function PracticeReviewsPage({
  params,
}: {
  params: Promise<{ practiceId: string }>;
}) {
  const { practiceId } = await params;
  const user = await requireUser();
  const queryClient = getQueryClient();
  const practice = await orNotFound(
    queryClient.fetchQuery(trpc.practices.get.queryOptions({ practiceId })),
  );
  void queryClient.prefetchQuery(trpc.reviews.list.queryOptions({ practiceId }));
  const archived = Boolean(practice.archivedAt);
  const canWrite = can(user.role, "reviews.write") && !archived;

  return (
    <HydrateClient>
      <PageHeader
        title={practice.name}
        description="Reviews: quarterly (monthly while the practice is new, migrating or had an incident) — the checklist, the SAFER self-assessment, findings and sign-off."
      />
      <ReviewsNav practiceId={practiceId} />
      {archived && (
        <div className="mb-4">
          <Alert>This practice is archived; its reviews are read-only.</Alert>
        </div>
      )}
      <Suspense fallback={<ReviewScheduleSkeleton />}>
        <ReviewScheduleView
          practiceId={practiceId}
          timeZone={practice.timezone}
          canWrite={canWrite}
        />
      </Suspense>
    </HydrateClient>
  );
}
