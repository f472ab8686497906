import type { Metadata } from "next";
import { Suspense } from "react";
import { MonitorsPanel } from "@/components/monitors/monitors-panel";
import { MONITORS_PAGE_SIZE } from "@/components/monitors/page-size";
import { Alert } from "@/components/ui/alert";
import { PageHeader } from "@/components/ui/page-header";
import { TableSkeleton } from "@/components/ui/skeleton";
import { can } from "@/server/permissions";
import { orNotFound } from "@/server/rsc-errors";
import { getQueryClient, HydrateClient, trpc } from "@/server/rsc";
import { requireUser } from "@/server/session";

export const metadata: Metadata = { title: "Monitors" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function PracticeMonitorsPage({
  params,
  searchParams,
}: {
  params: Promise<{ practiceId: string }>;
  searchParams: SearchParams;
}) {
  const { practiceId } = await params;
  const query = await searchParams;
  const page = Math.max(
    1,
    Math.min(10_000, Number.parseInt(typeof query.page === "string" ? query.page : "1", 10) || 1),
  );
  const user = await requireUser();
  const queryClient = getQueryClient();
  const practice = await orNotFound(
    queryClient.fetchQuery(trpc.practices.get.queryOptions({ practiceId })),
  );
  void queryClient.prefetchQuery(
    trpc.monitors.list.queryOptions({ practiceId, page, pageSize: MONITORS_PAGE_SIZE }),
  );
  void queryClient.prefetchQuery(trpc.monitors.systems.queryOptions({ practiceId }));
  const archived = Boolean(practice.archivedAt);
  const canWrite = can(user.role, "monitors.write") && !archived;

  return (
    <HydrateClient>
      <PageHeader
        title={practice.name}
        description="Monitors: Standby checks the practice's systems (web addresses, ports, DNS, certificates, heartbeats from the clinic) and shows their state."
      />
      {archived && (
        <div className="mb-4">
          <Alert>This practice is archived; its monitors are read-only.</Alert>
        </div>
      )}
      <Suspense key={page} fallback={<TableSkeleton rows={4} />}>
        <MonitorsPanel
          practiceId={practiceId}
          timeZone={practice.timezone}
          canWrite={canWrite}
          page={page}
        />
      </Suspense>
    </HydrateClient>
  );
}
