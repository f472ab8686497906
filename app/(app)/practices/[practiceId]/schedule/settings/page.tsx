import type { Metadata } from "next";
import { Suspense } from "react";
import { ConnectionSettings } from "@/components/schedule-settings/connection-settings";
import { ReportUpload } from "@/components/schedule-settings/report-upload";
import { Alert } from "@/components/ui/alert";
import { PageHeader } from "@/components/ui/page-header";
import { TableSkeleton } from "@/components/ui/skeleton";
import { can } from "@/server/permissions";
import { orNotFound } from "@/server/rsc-errors";
import { getQueryClient, HydrateClient, trpc } from "@/server/rsc";
import { requireUser } from "@/server/session";

export const metadata: Metadata = { title: "Schedule copy settings" };

export default async function ScheduleSettingsPage({
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
  void queryClient.prefetchQuery(trpc.scheduleSettings.get.queryOptions({ practiceId }));
  const archived = Boolean(practice.archivedAt);

  return (
    <HydrateClient>
      <PageHeader
        title={practice.name}
        description="Schedule copy: how Standby keeps the upcoming appointments and the patients' contact details, so the front desk has them when the EHR is down."
      />
      {archived && (
        <div className="mb-4">
          <Alert>This practice is archived; its schedule settings are read-only.</Alert>
        </div>
      )}
      <Suspense fallback={<TableSkeleton rows={4} />}>
        <ConnectionSettings
          practiceId={practiceId}
          timeZone={practice.timezone}
          canConnect={can(user.role, "scheduleSettings.connect") && !archived}
        />
      </Suspense>
      {can(user.role, "downtimeLog.access") && !archived && (
        <div className="mt-6">
          <ReportUpload practiceId={practiceId} />
        </div>
      )}
    </HydrateClient>
  );
}
