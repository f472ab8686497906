import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/routers/_app";
import {
  riskCategoryLabels,
  riskListFilters,
  type RiskCategory,
  type RiskFields,
} from "@/server/contracts/risks";

type Outputs = inferRouterOutputs<AppRouter>;

export type RiskList = Outputs["risks"]["list"];
export type RiskListItem = RiskList["items"][number];
export type RiskDetail = Outputs["risks"]["get"];
export type RiskFilter = (typeof riskListFilters)[number];

/** Register page size, shared by the server page (prefetch) and the client list (same query key). */
export const RISK_PAGE_SIZE = 20;

export const riskFilterLabels: Record<RiskFilter, string> = {
  active: "Active",
  urgent: "Urgent",
  resolved: "Resolved",
  all: "All",
};

export function riskFilterOf(value: unknown): RiskFilter {
  return typeof value === "string" && (riskListFilters as readonly string[]).includes(value)
    ? (value as RiskFilter)
    : "active";
}

export function pageOf(value: unknown): number {
  const page = typeof value === "string" ? Number.parseInt(value, 10) : 1;
  return Number.isFinite(page) && page >= 1 && page <= 10_000 ? page : 1;
}

export const riskCategoryLabel = (value: string): string =>
  Object.hasOwn(riskCategoryLabels, value) ? riskCategoryLabels[value as RiskCategory] : value;

/** What the risk editor needs of a risk: its fields, with the version it was read at. */
export type EditableRisk = {
  id: string;
  version: number;
  title: string;
  description: string;
  severity: RiskFields["severity"];
  category: RiskFields["category"];
  owner: string;
  systems: { id: string; name: string }[];
};

/** What the status dialog needs of a risk. */
export type StatusTarget = {
  id: string;
  title: string;
  version: number;
  status: RiskListItem["status"];
  acceptanceExpired: boolean;
  scheduledFor: string | null;
  acceptedReason: string | null;
  acceptedUntil: string | null;
};

export const riskFieldsOf = (risk: EditableRisk): RiskFields => ({
  title: risk.title,
  description: risk.description,
  severity: risk.severity,
  category: risk.category,
  owner: risk.owner,
  systemIds: risk.systems.map((system) => system.id),
});

export const riskHref = (practiceId: string, riskId: string) =>
  `/practices/${practiceId}/risks/${riskId}`;
export const registerHref = (practiceId: string, filter: RiskFilter = "active", page = 1) =>
  `/practices/${practiceId}/risks${filter === "active" && page === 1 ? "" : `?filter=${filter}${page > 1 ? `&page=${page}` : ""}`}`;
