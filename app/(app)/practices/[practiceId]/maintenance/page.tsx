import type { Metadata } from "next";
import { addDays } from "date-fns";
import { Suspense } from "react";
import { MaintenanceForm } from "@/components/maintenance/maintenance-form";
import { MaintenanceList } from "@/components/maintenance/maintenance-list";
import { ButtonLink } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { TableSkeleton } from "@/components/ui/skeleton";
import { localText } from "@/server/domain/maintenance";
import { can } from "@/server/permissions";
import { orNotFound } from "@/server/rsc-errors";
import { getQueryClient, HydrateClient, trpc } from "@/server/rsc";
import { requireUser } from "@/server/session";

export const metadata: Metadata = { title: "Maintenance" };

export default async function MaintenancePage({
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
  void queryClient.prefetchQuery(trpc.maintenance.list.queryOptions({ practiceId }));
  const canWrite = can(user.role, "maintenance.write") && !practice.archivedAt;
  const map = canWrite
    ? await queryClient.fetchQuery(trpc.dependencies.map.queryOptions({ practiceId }))
    : null;
  // Tomorrow night, 22:00 to 02:00 in the practice's zone: the usual maintenance slot.
  const tomorrow = localText(addDays(new Date(), 1), practice.timezone).slice(0, 10);
  const dayAfter = localText(addDays(new Date(), 2), practice.timezone).slice(0, 10);
  return (
    <HydrateClient>
      <PageHeader
        title={practice.name}
        description={`Planned maintenance: upgrades and vendor maintenance nights, with the prep list on a clock and notices that go out by themselves. Times are in the practice's zone, ${practice.timezone}.`}
        actions={
          can(user.role, "maintenance.vendorNight") && (
            <ButtonLink href="/maintenance/vendor-night" variant="secondary">
              Vendor maintenance night
            </ButtonLink>
          )
        }
      />
      <div className="grid gap-6 lg:grid-cols-[1fr_26rem]">
        <Suspense fallback={<TableSkeleton rows={4} />}>
          <MaintenanceList practiceId={practiceId} />
        </Suspense>
        {map && (
          <MaintenanceForm
            practiceId={practiceId}
            timeZone={practice.timezone}
            systems={map.systems.map((system) => ({ id: system.id, name: system.name }))}
            defaults={{ startsLocal: `${tomorrow}T22:00`, endsLocal: `${dayAfter}T02:00` }}
          />
        )}
      </div>
    </HydrateClient>
  );
}
