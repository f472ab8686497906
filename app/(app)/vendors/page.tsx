import { Search } from "lucide-react";
import type { Metadata } from "next";
import Link from "@/components/ui/link";
import { Suspense } from "react";
import { buttonClass } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { TableSkeleton } from "@/components/ui/skeleton";
import { CATALOG_PAGE_SIZE } from "@/components/vendors/types";
import { VendorCatalog } from "@/components/vendors/vendor-catalog";
import { can } from "@/server/permissions";
import { getQueryClient, HydrateClient, trpc } from "@/server/rsc";
import { requireUser } from "@/server/session";

export const metadata: Metadata = { title: "Vendor catalog" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function VendorCatalogPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const search = typeof params.q === "string" ? params.q.trim().slice(0, 100) : "";
  const page = Math.max(
    1,
    Math.min(
      100_000,
      Number.parseInt(typeof params.page === "string" ? params.page : "1", 10) || 1,
    ),
  );
  const user = await requireUser();
  void getQueryClient().prefetchQuery(
    trpc.vendors.list.queryOptions({ search, page, pageSize: CATALOG_PAGE_SIZE }),
  );

  return (
    <HydrateClient>
      <PageHeader
        title="Vendor catalog"
        description={`Every vendor ${user.mspName}'s practices rely on, kept once. Each practice links it with its own account number and escalation ladder.`}
      />
      <form
        role="search"
        className="mb-4 flex flex-col gap-2 sm:flex-row sm:items-center"
        action="/vendors"
      >
        <label htmlFor="vendor-search" className="sr-only">
          Search vendors by name
        </label>
        <div className="relative flex-1">
          <Search
            aria-hidden
            className="pointer-events-none absolute left-3 top-1/2 size-4 -translate-y-1/2 text-slate-400"
          />
          <input
            id="vendor-search"
            name="q"
            type="search"
            defaultValue={search}
            maxLength={100}
            placeholder="Search vendors by name"
            className="block min-h-10 w-full rounded-md border border-slate-300 bg-white py-2 pl-9 pr-3 text-sm"
          />
        </div>
        <button type="submit" className={buttonClass("secondary")}>
          Search
        </button>
        {search && (
          <Link className="text-sm text-brand-700 underline sm:ml-2" href="/vendors">
            Clear search
          </Link>
        )}
      </form>
      <Suspense key={`${search}|${page}`} fallback={<TableSkeleton rows={6} />}>
        <VendorCatalog search={search} page={page} canWrite={can(user.role, "vendors.write")} />
      </Suspense>
    </HydrateClient>
  );
}
