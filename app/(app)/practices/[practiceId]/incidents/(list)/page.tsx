import { Siren } from "lucide-react";
import type { Metadata } from "next";
import {
  activeFilterCount,
  incidentFiltersHref,
  parseIncidentFilters,
} from "@/components/incidents/list/filters";
import { IncidentFiltersForm } from "@/components/incidents/list/incident-filters";
import { IncidentList } from "@/components/incidents/list/incident-list";
import { practiceVendorOptions } from "@/components/incidents/list/options";
import { incidentHref } from "@/components/incidents/list/types";
import { Alert } from "@/components/ui/alert";
import { ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { can } from "@/server/permissions";
import { orNotFound } from "@/server/rsc-errors";
import { getQueryClient, trpc } from "@/server/rsc";
import { requireUser } from "@/server/session";

export const metadata: Metadata = { title: "Incidents" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function PracticeIncidentsPage({
  params,
  searchParams,
}: {
  params: Promise<{ practiceId: string }>;
  searchParams: SearchParams;
}) {
  const { practiceId } = await params;
  const user = await requireUser();
  const filters = { ...parseIncidentFilters(await searchParams), practiceId };
  const queryClient = getQueryClient();
  const practice = await orNotFound(
    queryClient.fetchQuery(trpc.practices.get.queryOptions({ practiceId })),
  );
  const [data, vendors, [openOutage]] = await Promise.all([
    queryClient.fetchQuery(
      trpc.incidents.list.queryOptions({
        status: filters.status,
        practiceId,
        vendorId: filters.vendorId,
        from: filters.from,
        to: filters.to,
        page: filters.page,
        pageSize: 25,
      }),
    ),
    practiceVendorOptions([practiceId]),
    queryClient.fetchQuery(trpc.incidents.openAtPractice.queryOptions({ practiceId })),
  ]);
  const archived = Boolean(practice.archivedAt);
  const path = `/practices/${practiceId}/incidents`;
  const filtered = activeFilterCount(filters, true) > 0;

  return (
    <>
      <PageHeader
        title={practice.name}
        description="Incidents: every outage at this practice, newest first, with how long it lasted and what it cost."
        actions={
          openOutage ? (
            <ButtonLink href={incidentHref(openOutage)} variant="danger">
              <Siren aria-hidden className="size-4" /> Go to the open outage
            </ButtonLink>
          ) : (
            can(user.role, "incidents.write") &&
            !archived && (
              <ButtonLink href={`/incidents/new?practiceId=${practiceId}`} variant="danger">
                <Siren aria-hidden className="size-4" /> Declare an outage
              </ButtonLink>
            )
          )
        }
      />
      {archived && (
        <div className="mb-4">
          <Alert>This practice is archived; its incidents are kept for the record.</Alert>
        </div>
      )}
      <IncidentFiltersForm action={path} filters={filters} vendors={vendors} />
      {data.items.length === 0 ? (
        <EmptyState
          icon={Siren}
          title={filtered ? "No incidents match these filters" : "No incidents yet"}
        >
          {filtered
            ? "Change or clear the filters."
            : `No outage has been declared at ${practice.name}. When one hits, declare it so everyone sees the same picture.`}
        </EmptyState>
      ) : (
        <IncidentList
          items={data.items}
          showPractice={false}
          caption={`Incidents at ${practice.name}`}
        />
      )}
      <Pagination
        page={data.page}
        pageSize={data.pageSize}
        total={data.total}
        hrefFor={(page) => incidentFiltersHref(path, { ...filters, practiceId: undefined }, page)}
      />
    </>
  );
}
