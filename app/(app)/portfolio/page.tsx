import { Building2, Plus, Search, Siren } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { PracticeFlags } from "@/components/practices/practice-flags";
import { ButtonLink, buttonClass } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { can } from "@/server/permissions";
import { getQueryClient, trpc } from "@/server/rsc";
import { getCurrentUser } from "@/server/session";

export const metadata: Metadata = { title: "Portfolio" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function PortfolioPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const search = typeof params.q === "string" ? params.q.slice(0, 100) : "";
  const archived = params.archived === "1";
  const page = Math.max(1, Math.min(100_000, Number.parseInt(typeof params.page === "string" ? params.page : "1", 10) || 1));
  const user = (await getCurrentUser())!;
  const data = await getQueryClient().fetchQuery(trpc.practices.list.queryOptions({ search, page, archived, pageSize: 25 }));
  const canWrite = can(user.role, "practices.write");
  const canDeclare = can(user.role, "incidents.write");

  const hrefFor = (nextPage: number) => {
    const query = new URLSearchParams({ ...(search ? { q: search } : {}), ...(archived ? { archived: "1" } : {}), page: String(nextPage) });
    return `/portfolio?${query}`;
  };

  return (
    <>
      <PageHeader
        title={user.practiceIds === "*" ? "Portfolio" : "My practices"}
        description={user.practiceIds === "*" ? `Every client practice of ${user.mspName}.` : "The practices you look after."}
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
      <form role="search" className="mb-4 flex flex-col gap-2 sm:flex-row sm:items-center" action="/portfolio">
        <label htmlFor="practice-search" className="sr-only">
          Search practices by name
        </label>
        <div className="relative flex-1">
          <Search aria-hidden className="pointer-events-none absolute left-3 top-1/2 size-4 -translate-y-1/2 text-slate-400" />
          <input
            id="practice-search"
            name="q"
            type="search"
            defaultValue={search}
            maxLength={100}
            placeholder="Search practices by name"
            className="block min-h-10 w-full rounded-md border border-slate-300 bg-white py-2 pl-9 pr-3 text-sm"
          />
        </div>
        {archived && <input type="hidden" name="archived" value="1" />}
        <button type="submit" className={buttonClass("secondary")}>
          Search
        </button>
        <Link className="text-sm text-brand-700 underline sm:ml-2" href={archived ? "/portfolio" : "/portfolio?archived=1"}>
          {archived ? "Show active practices" : "Show archived practices"}
        </Link>
      </form>

      {data.items.length === 0 ? (
        <EmptyState icon={Building2} title={search ? `No practices match “${search}”` : archived ? "No archived practices" : "No practices yet"}>
          {search ? "Try another name, or clear the search." : canWrite && !archived ? "Add your first client practice to start its downtime plan." : null}
        </EmptyState>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Practices</caption>
            <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-600">
              <tr>
                <th scope="col" className="px-4 py-2.5">Practice</th>
                <th scope="col" className="px-4 py-2.5">Plan</th>
                <th scope="col" className="hidden px-4 py-2.5 sm:table-cell">EHR</th>
                <th scope="col" className="hidden px-4 py-2.5 md:table-cell">Time zone</th>
                <th scope="col" className="px-4 py-2.5">Sites</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {data.items.map((practice) => (
                <tr key={practice.id} className="hover:bg-slate-50">
                  <th scope="row" className="px-4 py-3 text-left font-normal">
                    <Link href={`/practices/${practice.id}`} className="font-medium text-brand-700 hover:underline">
                      {practice.name}
                    </Link>
                    <div className="mt-1">
                      <PracticeFlags isNewOffice={practice.isNewOffice} isMigrating={practice.isMigrating} archived={Boolean(practice.archivedAt)} />
                    </div>
                  </th>
                  <td className="px-4 py-3">
                    <Link href={`/practices/${practice.id}/plan`} className="block hover:underline">
                      <span className="font-medium">{practice.plan.score}%</span> <span className="text-slate-600">complete</span>
                      <span className="block text-xs text-slate-600">
                        {practice.plan.publishedVersion ? `Published v${practice.plan.publishedVersion}` : "Not published yet"}
                      </span>
                    </Link>
                  </td>
                  <td className="hidden px-4 py-3 text-slate-700 sm:table-cell">{practice.ehrProduct || "—"}</td>
                  <td className="hidden px-4 py-3 text-slate-700 md:table-cell">{practice.timezone}</td>
                  <td className="px-4 py-3 text-slate-700">{practice.siteCount}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination page={data.page} pageSize={data.pageSize} total={data.total} hrefFor={hrefFor} />
    </>
  );
}
