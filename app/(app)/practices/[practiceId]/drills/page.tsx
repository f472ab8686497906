import type { Metadata } from "next";
import { Suspense } from "react";
import { PracticeDrills } from "@/components/drills/practice-drills";
import { Alert } from "@/components/ui/alert";
import { PageHeader } from "@/components/ui/page-header";
import { TableSkeleton } from "@/components/ui/skeleton";
import { can } from "@/server/permissions";
import { orNotFound } from "@/server/rsc-errors";
import { getQueryClient, HydrateClient, trpc } from "@/server/rsc";
import { requireUser } from "@/server/session";

export const metadata: Metadata = { title: "Drills" };

export default async function DrillsPage({ params }: { params: Promise<{ practiceId: string }> }) {
  const { practiceId } = await params;
  const user = await requireUser();
  const queryClient = getQueryClient();
  const practice = await orNotFound(
    queryClient.fetchQuery(trpc.practices.get.queryOptions({ practiceId })),
  );
  void queryClient.prefetchQuery(trpc.drills.list.queryOptions({ practiceId }));
  const archived = Boolean(practice.archivedAt);

  return (
    <HydrateClient>
      <PageHeader
        title={practice.name}
        description="Drills: downtime exercises, tabletop or live — who took part, how long each step took, and what was found for the next review."
      />
      {archived && (
        <div className="mb-4">
          <Alert>This practice is archived; its drills are read-only.</Alert>
        </div>
      )}
      <Suspense fallback={<TableSkeleton rows={4} />}>
        <PracticeDrills
          practiceId={practiceId}
          timeZone={practice.timezone}
          canWrite={can(user.role, "drills.write") && !archived}
          canRaiseRisks={can(user.role, "risks.write") && !archived}
        />
      </Suspense>
    </HydrateClient>
  );
}
