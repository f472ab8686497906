import type { Metadata } from "next";
import { Suspense } from "react";
import { Alert } from "@/components/ui/alert";
import { PageHeader } from "@/components/ui/page-header";
import { TableSkeleton } from "@/components/ui/skeleton";
import { PracticeVendors } from "@/components/vendors/practice-vendors";
import { can } from "@/server/permissions";
import { orNotFound } from "@/server/rsc-errors";
import { getQueryClient, HydrateClient, trpc } from "@/server/rsc";
import { requireUser } from "@/server/session";

export const metadata: Metadata = { title: "Vendors" };

export default async function PracticeVendorsPage({
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
  void queryClient.prefetchQuery(trpc.vendors.forPractice.queryOptions({ practiceId }));
  const archived = Boolean(practice.archivedAt);
  const canWrite = can(user.role, "vendors.write") && !archived;

  return (
    <HydrateClient>
      <PageHeader
        title={practice.name}
        description="Vendors and who to call: support lines, the practice's account numbers and escalation ladders, verified every 90 days."
      />
      {archived && (
        <div className="mb-4">
          <Alert>This practice is archived; its vendors are read-only.</Alert>
        </div>
      )}
      <Suspense fallback={<TableSkeleton rows={4} />}>
        <PracticeVendors
          practiceId={practiceId}
          practiceName={practice.name}
          timeZone={practice.timezone}
          canWrite={canWrite}
        />
      </Suspense>
    </HydrateClient>
  );
}
