import { Siren } from "lucide-react";
import type { Metadata } from "next";
import { Suspense } from "react";
import {
  activeFilterCount,
  incidentFiltersHref,
  parseIncidentFilters,
} from "@/components/incidents/list/filters";
import { IncidentFiltersForm } from "@/components/incidents/list/incident-filters";
import { IncidentList } from "@/components/incidents/list/incident-list";
import {
  catalogVendorOptions,
  practiceOptions,
  practiceVendorOptions,
} from "@/components/incidents/list/options";
import { VendorWidePanel } from "@/components/incidents/list/vendor-wide-panel";
import { ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { can } from "@/server/permissions";
import { orNotFound } from "@/server/rsc-errors";
import { getQueryClient, HydrateClient, trpc } from "@/server/rsc";
import { requireUser } from "@/server/session";

export const metadata: Metadata = { title: "Incidents" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function IncidentsPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requireUser();
  const filters = parseIncidentFilters(await searchParams);
  const queryClient = getQueryClient();
  const canLink = can(user.role, "incidents.link");
  if (canLink) void queryClient.prefetchQuery(trpc.incidents.vendorWide.queryOptions());
  const [data, practices] = await Promise.all([
    orNotFound(
      queryClient.fetchQuery(
        trpc.incidents.list.queryOptions({
          status: filters.status,
          practiceId: filters.practiceId,
          vendorId: filters.vendorId,
          from: filters.from,
          to: filters.to,
          page: filters.page,
          pageSize: 25,
        }),
      ),
    ),
    practiceOptions(),
  ]);
  const vendors =
    user.practiceIds === "*"
      ? await catalogVendorOptions()
      : await practiceVendorOptions(practices.map((practice) => practice.id));
  const filtered = activeFilterCount(filters, false) > 0;

  return (
    <HydrateClient>
      <PageHeader
        title="Incidents"
        description={
          user.practiceIds === "*"
            ? `Outages at every practice of ${user.mspName}, newest first.`
            : "Outages at your practices, newest first."
        }
        actions={
          can(user.role, "incidents.write") && (
            <ButtonLink href="/incidents/new" variant="danger">
              <Siren aria-hidden className="size-4" /> Declare an outage
            </ButtonLink>
          )
        }
      />
      {canLink && (
        <Suspense fallback={null}>
          <VendorWidePanel />
        </Suspense>
      )}
      <IncidentFiltersForm
        action="/incidents"
        filters={filters}
        practices={practices}
        vendors={vendors}
      />
      {data.items.length === 0 ? (
        <EmptyState
          icon={Siren}
          title={filtered ? "No incidents match these filters" : "No incidents yet"}
        >
          {filtered
            ? "Change or clear the filters."
            : "When an outage hits, declare it here: everyone watching sees the same timeline, tickets and recovery checklist."}
        </EmptyState>
      ) : (
        <IncidentList items={data.items} />
      )}
      <Pagination
        page={data.page}
        pageSize={data.pageSize}
        total={data.total}
        hrefFor={(page) => incidentFiltersHref("/incidents", filters, page)}
      />
    </HydrateClient>
  );
}
