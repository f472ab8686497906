/** The incident list's filters, as they travel in the URL's search params. */

export const statusFilters = [
  ["all", "All"],
  ["open", "Open"],
  ["resolved", "Resolved"],
  ["closed", "Closed"],
] as const;
export type StatusFilter = (typeof statusFilters)[number][0];

export type IncidentFilters = {
  status: StatusFilter;
  practiceId?: string;
  vendorId?: string;
  from?: string;
  to?: string;
  page: number;
};

type SearchParams = Record<string, string | string[] | undefined>;

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const isoDay = /^\d{4}-\d{2}-\d{2}$/;

const one = (value: string | string[] | undefined) =>
  typeof value === "string" ? value : undefined;
const validDay = (value: string | undefined) =>
  value && isoDay.test(value) && !Number.isNaN(new Date(`${value}T00:00:00Z`).getTime())
    ? value
    : undefined;

/** Unknown or malformed values are dropped (the filter is simply off), never an error page. */
export function parseIncidentFilters(params: SearchParams): IncidentFilters {
  const status = statusFilters.find(([value]) => value === one(params.status))?.[0] ?? "all";
  const practiceId = one(params.practice);
  const vendorId = one(params.vendor);
  const page = Number.parseInt(one(params.page) ?? "1", 10);
  return {
    status,
    practiceId: practiceId && uuid.test(practiceId) ? practiceId : undefined,
    vendorId: vendorId && uuid.test(vendorId) ? vendorId : undefined,
    from: validDay(one(params.from)),
    to: validDay(one(params.to)),
    page: Number.isFinite(page) ? Math.min(10_000, Math.max(1, page)) : 1,
  };
}

/** The same filters on another page of results (or with the page dropped). */
export function incidentFiltersHref(path: string, filters: IncidentFilters, page?: number): string {
  const query = new URLSearchParams(
    Object.entries({
      status: filters.status === "all" ? undefined : filters.status,
      practice: filters.practiceId,
      vendor: filters.vendorId,
      from: filters.from,
      to: filters.to,
      page: page && page > 1 ? String(page) : undefined,
    }).filter((entry): entry is [string, string] => Boolean(entry[1])),
  );
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}

export function activeFilterCount(filters: IncidentFilters, fixedPractice: boolean): number {
  return [
    filters.status !== "all",
    !fixedPractice && filters.practiceId,
    filters.vendorId,
    filters.from,
    filters.to,
  ].filter(Boolean).length;
}
