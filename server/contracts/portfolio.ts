import { z } from "zod";

/** Shared by the portfolio page (client) and the portfolio service (server). */
export const portfolioFilters = [
  ["all", "All practices"],
  ["backups_overdue", "Overdue backup tests"],
  ["backups_failing", "Failing backup tests"],
  ["review_overdue", "Review overdue"],
  ["urgent_risks", "Urgent risks open"],
  ["active_incident", "Active outage"],
  ["plan_incomplete", "Plan incomplete"],
  ["vendors_unverified", "Vendor contacts unverified"],
] as const;
export type PortfolioFilter = (typeof portfolioFilters)[number][0];

/** A readiness score below this is "At risk" (the bands: components/portfolio/readiness.ts). */
export const AT_RISK_BELOW = 50;

export const portfolioSorts = [
  ["score_asc", "Least ready first"],
  ["score_desc", "Most ready first"],
  ["name", "Name"],
] as const;
export type PortfolioSort = (typeof portfolioSorts)[number][0];

export const portfolioSchema = z.object({
  search: z.string().trim().max(100, "Search at most 100 characters.").default(""),
  filter: z
    .enum(
      portfolioFilters.map(([value]) => value) as [PortfolioFilter, ...PortfolioFilter[]],
      "Unknown filter.",
    )
    .default("all"),
  sort: z
    .enum(
      portfolioSorts.map(([value]) => value) as [PortfolioSort, ...PortfolioSort[]],
      "Unknown sort.",
    )
    .default("score_asc"),
  archived: z.boolean().default(false),
  page: z.number().int().min(1).max(10_000).default(1),
  pageSize: z.number().int().min(1).max(100).default(25),
});
export type PortfolioInput = z.input<typeof portfolioSchema>;
