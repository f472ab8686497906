import type { Metadata } from "next";
import { Suspense } from "react";
import { MonitorDetail } from "@/components/monitors/monitor-detail";
import { PageHeader } from "@/components/ui/page-header";
import { TableSkeleton } from "@/components/ui/skeleton";
import { orNotFound } from "@/server/rsc-errors";
import { getQueryClient, HydrateClient, trpc } from "@/server/rsc";

export const metadata: Metadata = { title: "Monitor" };

export default async function MonitorPage({
  params,
}: {
  params: Promise<{ practiceId: string; monitorId: string }>;
}) {
  const { practiceId, monitorId } = await params;
  const queryClient = getQueryClient();
  const practice = await orNotFound(
    queryClient.fetchQuery(trpc.practices.get.queryOptions({ practiceId })),
  );
  await orNotFound(
    queryClient.fetchQuery(trpc.monitors.get.queryOptions({ practiceId, monitorId })),
  );
  void queryClient.prefetchQuery(trpc.monitors.history.queryOptions({ practiceId, monitorId }));
  return (
    <HydrateClient>
      <PageHeader
        title={practice.name}
        description="A monitor: its state, its response time and availability over 24 hours and 30 days, and its last results."
      />
      <Suspense fallback={<TableSkeleton rows={6} />}>
        <MonitorDetail practiceId={practiceId} monitorId={monitorId} timeZone={practice.timezone} />
      </Suspense>
    </HydrateClient>
  );
}
