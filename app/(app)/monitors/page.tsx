import type { Metadata } from "next";
import { Suspense } from "react";
import { MspMonitors } from "@/components/monitors/msp-monitors";
import { MSP_MONITORS_PAGE_SIZE, mspMonitorsParams } from "@/components/monitors/msp-params";
import { PageHeader } from "@/components/ui/page-header";
import { TableSkeleton } from "@/components/ui/skeleton";
import { orNotFound } from "@/server/rsc-errors";
import { getQueryClient, HydrateClient, trpc } from "@/server/rsc";
import { requireUser } from "@/server/session";

export const metadata: Metadata = { title: "Monitors" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** Every monitor the person may see across the MSP's practices, down first. */
export default async function MonitorsPage({ searchParams }: { searchParams: SearchParams }) {
  const params = mspMonitorsParams(await searchParams);
  const user = await requireUser();
  const queryClient = getQueryClient();
  // Another MSP's practice (or one outside a practice manager's scope) is not found.
  await orNotFound(
    queryClient.fetchQuery(
      trpc.monitors.listAll.queryOptions({ ...params, pageSize: MSP_MONITORS_PAGE_SIZE }),
    ),
  );
  return (
    <HydrateClient>
      <PageHeader
        title="Monitors"
        description={
          user.practiceIds === "*"
            ? "Every monitor across the practices, down first, then failing and degraded."
            : "The monitors of your practices, down first, then failing and degraded."
        }
      />
      <Suspense
        key={`${params.status}-${params.practiceId}-${params.page}`}
        fallback={<TableSkeleton rows={6} />}
      >
        <MspMonitors params={params} />
      </Suspense>
    </HydrateClient>
  );
}
