import { Search } from "lucide-react";
import Link from "@/components/ui/link";
import { buttonClass } from "@/components/ui/button";
import { FilterForm } from "@/components/ui/filter-form";
import { portfolioFilters, portfolioSorts } from "@/server/contracts/portfolio";
import { portfolioHref, type PortfolioParams } from "./params";

const control =
  "block min-h-10 w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm";
const label = "mb-1 block text-sm font-medium";

/**
 * Search, filter and sort as a plain GET form: they live in the URL, so a filtered view can be
 * shared or bookmarked, and the form works before any script has loaded. A filter or sort picked
 * applies at once (FilterForm); the search applies with Enter or its button.
 */
export function PortfolioControls({ params }: { params: PortfolioParams }) {
  const changed = params.search !== "" || params.filter !== "all" || params.sort !== "score_asc";
  return (
    <FilterForm
      action="/portfolio"
      submitLabel="Search"
      actionsClassName="flex gap-2 sm:col-span-2 lg:col-span-1"
      actions={
        changed && (
          <Link
            href={portfolioHref({
              ...params,
              search: "",
              filter: "all",
              sort: "score_asc",
              page: 1,
            })}
            className={buttonClass("ghost")}
          >
            Clear
          </Link>
        )
      }
      role="search"
      aria-label="Find practices"
      className="mb-3 grid gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-2 lg:grid-cols-[2fr_1.4fr_1.2fr_auto] lg:items-end"
    >
      <div className="sm:col-span-2 lg:col-span-1">
        <label htmlFor="practice-search" className={label}>
          Search practices by name
        </label>
        <div className="relative">
          <Search
            aria-hidden
            className="pointer-events-none absolute left-3 top-1/2 size-4 -translate-y-1/2 text-slate-400"
          />
          <input
            id="practice-search"
            name="q"
            type="search"
            defaultValue={params.search}
            maxLength={100}
            placeholder="Practice name"
            className={`${control} pl-9`}
          />
        </div>
      </div>
      <div>
        <label htmlFor="portfolio-filter" className={label}>
          Show
        </label>
        <select
          id="portfolio-filter"
          name="filter"
          defaultValue={params.filter}
          className={control}
        >
          {portfolioFilters.map(([value, text]) => (
            <option key={value} value={value}>
              {text}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="portfolio-sort" className={label}>
          Sort by
        </label>
        <select id="portfolio-sort" name="sort" defaultValue={params.sort} className={control}>
          {portfolioSorts.map(([value, text]) => (
            <option key={value} value={value}>
              {text}
            </option>
          ))}
        </select>
      </div>
      {params.archived && <input type="hidden" name="archived" value="1" />}
    </FilterForm>
  );
}
