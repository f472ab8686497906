import {
  portfolioFilters,
  portfolioSorts,
  type PortfolioFilter,
  type PortfolioSort,
} from "@/server/contracts/portfolio";

/** The portfolio's search, filter, sort, archived view and page, as they travel in the URL's search params. */
export type PortfolioParams = {
  search: string;
  filter: PortfolioFilter;
  sort: PortfolioSort;
  archived: boolean;
  page: number;
};

/** Large enough that a whole MSP usually fits on one page, so the least ready are never out of sight. */
export const PORTFOLIO_PAGE_SIZE = 50;

type SearchParams = Record<string, string | string[] | undefined>;
const one = (value: string | string[] | undefined) =>
  typeof value === "string" ? value : undefined;

/** Unknown or malformed values fall back to the defaults (the control is simply off), never an error page. */
export function parsePortfolioParams(params: SearchParams): PortfolioParams {
  const page = Number.parseInt(one(params.page) ?? "1", 10);
  return {
    search: (one(params.q) ?? "").trim().slice(0, 100),
    filter: portfolioFilters.find(([value]) => value === one(params.filter))?.[0] ?? "all",
    sort: portfolioSorts.find(([value]) => value === one(params.sort))?.[0] ?? "score_asc",
    archived: one(params.archived) === "1",
    page: Number.isFinite(page) ? Math.min(10_000, Math.max(1, page)) : 1,
  };
}

/** The portfolio with these params (defaults left out, so plain /portfolio stays plain). */
export function portfolioHref(
  params: PortfolioParams,
  changes: Partial<PortfolioParams> = {},
): string {
  const next = { ...params, ...changes };
  const query = new URLSearchParams(
    Object.entries({
      q: next.search || undefined,
      filter: next.filter === "all" ? undefined : next.filter,
      sort: next.sort === "score_asc" ? undefined : next.sort,
      archived: next.archived ? "1" : undefined,
      page: next.page > 1 ? String(next.page) : undefined,
    }).filter((entry): entry is [string, string] => Boolean(entry[1])),
  );
  const text = query.toString();
  return text ? `/portfolio?${text}` : "/portfolio";
}

export const filterLabel = (filter: PortfolioFilter) =>
  portfolioFilters.find(([value]) => value === filter)![1];
export const sortLabel = (sort: PortfolioSort) =>
  portfolioSorts.find(([value]) => value === sort)![1];
