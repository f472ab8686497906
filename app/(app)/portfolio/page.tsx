import { Building2, ListFilter, Plus, Siren } from "lucide-react";
import type { Metadata } from "next";
import Link from "@/components/ui/link";
import {
  filterLabel,
  parsePortfolioParams,
  PORTFOLIO_PAGE_SIZE,
  portfolioHref,
  sortLabel,
} from "@/components/portfolio/params";
import { PortfolioControls } from "@/components/portfolio/portfolio-controls";
import { PortfolioTable } from "@/components/portfolio/portfolio-list";
import { PortfolioSummary } from "@/components/portfolio/portfolio-summary";
import { MaintenanceSoon } from "@/components/maintenance/maintenance-soon";
import { ScoreExplanation } from "@/components/portfolio/score-explanation";
import { SuspectedOutagesPanel } from "@/components/suspected-outages/suspected-outages";
import { ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { can } from "@/server/permissions";
import { orNotFound } from "@/server/rsc-errors";
import { getQueryClient, trpc } from "@/server/rsc";
import { requireUser } from "@/server/session";

export const metadata: Metadata = { title: "Portfolio" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** The readiness portfolio: every practice in scope with its score and the parts that make it, least ready first. */
export default async function PortfolioPage({ searchParams }: { searchParams: SearchParams }) {
  const params = parsePortfolioParams(await searchParams);
  const user = await requireUser();
  const data = await orNotFound(
    getQueryClient().fetchQuery(
      trpc.practices.portfolio.queryOptions({
        search: params.search,
        filter: params.filter,
        sort: params.sort,
        archived: params.archived,
        page: params.page,
        pageSize: PORTFOLIO_PAGE_SIZE,
      }),
    ),
  );
  // Windows in progress or starting in the next 24 hours, at the practices in scope.
  const soon = await getQueryClient().fetchQuery(trpc.maintenance.upcoming.queryOptions());
  const canWrite = can(user.role, "practices.write");
  const canDeclare = can(user.role, "incidents.write");
  const everyPractice = user.practiceIds === "*";
  const filtered = params.filter !== "all";
  // One practice (a practice's manager): no figures across practices, nothing to search or filter.
  const several = data.summary.practices > 1 || params.archived || filtered || params.search !== "";

  return (
    <>
      <PageHeader
        title={everyPractice ? "Portfolio" : "My practices"}
        description={
          everyPractice
            ? `How ready every client practice of ${user.mspName} is for a downtime, and what to fix first.`
            : "How ready the practices you look after are for a downtime, and what to fix first."
        }
        actions={
          (canWrite || canDeclare) && (
            <>
              {canDeclare && (
                <ButtonLink href="/incidents/new" variant="danger">
                  <Siren aria-hidden className="size-4" /> Declare an outage
                </ButtonLink>
              )}
              {canWrite && (
                <ButtonLink href="/practices/new">
                  <Plus aria-hidden className="size-4" /> New practice
                </ButtonLink>
              )}
            </>
          )
        }
      />
      <MaintenanceSoon title="Maintenance tonight" windows={soon} showPractice />
      <SuspectedOutagesPanel canDeclare={canDeclare} canLink={can(user.role, "incidents.link")} />
      {data.summary.practices > 1 && <PortfolioSummary summary={data.summary} params={params} />}
      {several && <PortfolioControls params={params} />}
      <div className="mb-3 flex flex-col gap-1 text-sm sm:flex-row sm:items-center sm:justify-between">
        <p className="text-slate-600">
          {data.total === 0 ? "No" : data.total} {params.archived ? "archived " : ""}
          {data.total === 1 ? "practice" : "practices"}
          {filtered && ` · ${filterLabel(params.filter)}`}
          {params.search && ` · matching “${params.search}”`}
          {data.total > 1 && ` · ${sortLabel(params.sort).toLowerCase()}`}
        </p>
        <Link
          className="text-brand-700 underline"
          href={portfolioHref(params, { archived: !params.archived, page: 1 })}
        >
          {params.archived ? "Show active practices" : "Show archived practices"}
        </Link>
      </div>
      <ScoreExplanation />

      {data.items.length === 0 ? (
        params.search ? (
          <EmptyState icon={Building2} title={`No practices match “${params.search}”`}>
            {filtered
              ? `None of the practices named like this is in “${filterLabel(params.filter)}”. `
              : ""}
            Try another name, or clear the search.
          </EmptyState>
        ) : filtered ? (
          <EmptyState icon={ListFilter} title={`No practices in “${filterLabel(params.filter)}”`}>
            <p>
              None of {params.archived ? "the archived" : "your"} practices is in this list right
              now.
            </p>
            <p className="mt-2">
              <Link
                className="text-brand-700 underline"
                href={portfolioHref(params, { filter: "all", page: 1 })}
              >
                Show all practices
              </Link>
            </p>
          </EmptyState>
        ) : (
          <EmptyState
            icon={Building2}
            title={params.archived ? "No archived practices" : "No practices yet"}
          >
            {canWrite && !params.archived
              ? "Add your first client practice to start its downtime plan and readiness score."
              : null}
          </EmptyState>
        )
      ) : (
        <PortfolioTable items={data.items} archived={params.archived} sort={params.sort} />
      )}
      <Pagination
        page={data.page}
        pageSize={data.pageSize}
        total={data.total}
        hrefFor={(page) => portfolioHref(params, { page })}
      />
    </>
  );
}
