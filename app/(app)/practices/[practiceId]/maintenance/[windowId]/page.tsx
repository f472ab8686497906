import type { Metadata } from "next";
import { Suspense } from "react";
import { MaintenanceWindowView } from "@/components/maintenance/maintenance-window";
import { PageHeader } from "@/components/ui/page-header";
import { TableSkeleton } from "@/components/ui/skeleton";
import { can } from "@/server/permissions";
import { orNotFound } from "@/server/rsc-errors";
import { getQueryClient, HydrateClient, trpc } from "@/server/rsc";
import { requireUser } from "@/server/session";

export const metadata: Metadata = { title: "Maintenance window" };

export default async function MaintenanceWindowPage({
  params,
}: {
  params: Promise<{ practiceId: string; windowId: string }>;
}) {
  const { practiceId, windowId } = await params;
  const user = await requireUser();
  const queryClient = getQueryClient();
  const window = await orNotFound(
    queryClient.fetchQuery(trpc.maintenance.get.queryOptions({ practiceId, windowId })),
  );
  return (
    <HydrateClient>
      <PageHeader
        title={window.practiceName}
        description={`Planned maintenance: ${window.title}`}
      />
      <Suspense fallback={<TableSkeleton rows={6} />}>
        <MaintenanceWindowView
          practiceId={practiceId}
          windowId={windowId}
          canWrite={can(user.role, "maintenance.write") && !window.archived}
          canTellPatients={can(user.role, "outreach.send")}
        />
      </Suspense>
    </HydrateClient>
  );
}
