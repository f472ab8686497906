import type { Metadata } from "next";
import { Suspense } from "react";
import { ReviewsNav } from "@/components/reviews/reviews-nav";
import { RiskDetail } from "@/components/risks/risk-detail";
import { Alert } from "@/components/ui/alert";
import { PageHeader } from "@/components/ui/page-header";
import { TableSkeleton } from "@/components/ui/skeleton";
import { can } from "@/server/permissions";
import { orNotFound } from "@/server/rsc-errors";
import { getQueryClient, HydrateClient, trpc } from "@/server/rsc";
import { requireUser } from "@/server/session";

export const metadata: Metadata = { title: "Risk" };

export default async function RiskPage({
  params,
}: {
  params: Promise<{ practiceId: string; riskId: string }>;
}) {
  const { practiceId, riskId } = await params;
  const user = await requireUser();
  const queryClient = getQueryClient();
  const practice = await orNotFound(
    queryClient.fetchQuery(trpc.practices.get.queryOptions({ practiceId })),
  );
  // A risk of another practice (or none) is the 404 page, like any other missing page.
  await orNotFound(queryClient.fetchQuery(trpc.risks.get.queryOptions({ practiceId, riskId })));
  const archived = Boolean(practice.archivedAt);
  const canWrite = can(user.role, "risks.write") && !archived;

  return (
    <HydrateClient>
      <PageHeader
        title={practice.name}
        description="A risk of the practice's register, with everything that happened to it."
      />
      <ReviewsNav practiceId={practiceId} />
      {archived && (
        <div className="mb-4">
          <Alert>This practice is archived; its risks are read-only.</Alert>
        </div>
      )}
      <Suspense fallback={<TableSkeleton rows={6} />}>
        <RiskDetail
          practiceId={practiceId}
          riskId={riskId}
          timeZone={practice.timezone}
          canWrite={canWrite}
        />
      </Suspense>
    </HydrateClient>
  );
}
