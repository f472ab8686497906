import type { Metadata } from "next";
import { Suspense } from "react";
import { ReviewsNav } from "@/components/reviews/reviews-nav";
import { RiskRegister } from "@/components/risks/risk-register";
import { pageOf, riskFilterOf, RISK_PAGE_SIZE } from "@/components/risks/types";
import { Alert } from "@/components/ui/alert";
import { PageHeader } from "@/components/ui/page-header";
import { TableSkeleton } from "@/components/ui/skeleton";
import { can } from "@/server/permissions";
import { orNotFound } from "@/server/rsc-errors";
import { getQueryClient, HydrateClient, trpc } from "@/server/rsc";
import { requireUser } from "@/server/session";

export const metadata: Metadata = { title: "Risk register" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function RiskRegisterPage({
  params,
  searchParams,
}: {
  params: Promise<{ practiceId: string }>;
  searchParams: SearchParams;
}) {
  const { practiceId } = await params;
  const query = await searchParams;
  const filter = riskFilterOf(query.filter);
  const page = pageOf(query.page);
  const user = await requireUser();
  const queryClient = getQueryClient();
  const practice = await orNotFound(
    queryClient.fetchQuery(trpc.practices.get.queryOptions({ practiceId })),
  );
  void queryClient.prefetchQuery(
    trpc.risks.list.queryOptions({ practiceId, filter, page, pageSize: RISK_PAGE_SIZE }),
  );
  const archived = Boolean(practice.archivedAt);
  const canWrite = can(user.role, "risks.write") && !archived;

  return (
    <HydrateClient>
      <PageHeader
        title={practice.name}
        description="Risk register: what would make an outage worse, how urgent it is, and what is being done — fixed now, scheduled, or accepted with a reason until a date."
      />
      <ReviewsNav practiceId={practiceId} />
      {archived && (
        <div className="mb-4">
          <Alert>This practice is archived; its risk register is read-only.</Alert>
        </div>
      )}
      <Suspense fallback={<TableSkeleton rows={4} />}>
        <RiskRegister practiceId={practiceId} filter={filter} page={page} canWrite={canWrite} />
      </Suspense>
    </HydrateClient>
  );
}
