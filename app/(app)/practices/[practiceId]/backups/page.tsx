import type { Metadata } from "next";
import { Suspense } from "react";
import { BackupsOverview } from "@/components/backups/backups-overview";
import { BackupsSkeleton } from "@/components/backups/backups-skeleton";
import { TestHistory } from "@/components/backups/test-history";
import { TESTS_PAGE_SIZE } from "@/components/backups/types";
import { Alert } from "@/components/ui/alert";
import { PageHeader } from "@/components/ui/page-header";
import { TableSkeleton } from "@/components/ui/skeleton";
import { can } from "@/server/permissions";
import { orNotFound } from "@/server/rsc-errors";
import { getQueryClient, HydrateClient, trpc } from "@/server/rsc";
import { requireUser } from "@/server/session";

export const metadata: Metadata = { title: "Backups" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default async function PracticeBackupsPage({
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
  const systemId =
    typeof query.system === "string" && uuidPattern.test(query.system) ? query.system : null;
  const user = await requireUser();
  const queryClient = getQueryClient();
  const practice = await orNotFound(
    queryClient.fetchQuery(trpc.practices.get.queryOptions({ practiceId })),
  );
  void queryClient.prefetchQuery(trpc.backups.overview.queryOptions({ practiceId }));
  void queryClient.prefetchQuery(
    trpc.backups.tests.queryOptions({
      practiceId,
      page,
      pageSize: TESTS_PAGE_SIZE,
      ...(systemId ? { systemId } : {}),
    }),
  );
  const archived = Boolean(practice.archivedAt);
  const canWrite = can(user.role, "backups.write") && !archived;

  return (
    <HydrateClient>
      <PageHeader
        title={practice.name}
        description="Backups: which systems are restore-tested, how often, against what targets, and how the last test went."
      />
      {archived && (
        <div className="mb-4">
          <Alert>This practice is archived; its backup records are read-only.</Alert>
        </div>
      )}
      <div className="space-y-8">
        <Suspense fallback={<BackupsSkeleton />}>
          <BackupsOverview
            practiceId={practiceId}
            timeZone={practice.timezone}
            canWrite={canWrite}
            userName={user.name}
          />
        </Suspense>
        <Suspense key={`${page}|${systemId ?? ""}`} fallback={<TableSkeleton rows={4} />}>
          <TestHistory
            practiceId={practiceId}
            timeZone={practice.timezone}
            canWrite={canWrite}
            page={page}
            systemId={systemId}
          />
        </Suspense>
      </div>
    </HydrateClient>
  );
}
