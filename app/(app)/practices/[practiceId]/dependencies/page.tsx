import type { Metadata } from "next";
import { Suspense } from "react";
import { DependencyMap, type MapView } from "@/components/dependencies/dependency-map";
import { MapSkeleton } from "@/components/dependencies/map-skeleton";
import { Alert } from "@/components/ui/alert";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/server/permissions";
import { orNotFound } from "@/server/rsc-errors";
import { getQueryClient, HydrateClient, trpc } from "@/server/rsc";
import { requireUser } from "@/server/session";

export const metadata: Metadata = { title: "Dependency map" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function DependenciesPage({
  params,
  searchParams,
}: {
  params: Promise<{ practiceId: string }>;
  searchParams: SearchParams;
}) {
  const { practiceId } = await params;
  const { view } = await searchParams;
  const user = await requireUser();
  const queryClient = getQueryClient();
  const practice = await orNotFound(
    queryClient.fetchQuery(trpc.practices.get.queryOptions({ practiceId })),
  );
  void queryClient.prefetchQuery(trpc.dependencies.map.queryOptions({ practiceId }));
  const archived = Boolean(practice.archivedAt);
  const canWrite = can(user.role, "systems.write") && !archived;
  const initialView: MapView = view === "diagram" ? "diagram" : "table";

  return (
    <HydrateClient>
      <PageHeader
        title={practice.name}
        description="Dependency map: the systems the practice runs on, what each one needs, and what stops when one fails."
      />
      {archived && (
        <div className="mb-4">
          <Alert>This practice is archived; its map is read-only.</Alert>
        </div>
      )}
      <Suspense fallback={<MapSkeleton />}>
        <DependencyMap
          practiceId={practiceId}
          sites={practice.sites.map(({ id, name }) => ({ id, name }))}
          canWrite={canWrite}
          initialView={initialView}
        />
      </Suspense>
    </HydrateClient>
  );
}
