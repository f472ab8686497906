import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/routers/_app";
import { systemCategoryLabels, type SystemCategory } from "@/server/contracts/dependencies";

type Outputs = inferRouterOutputs<AppRouter>;

export type MapData = Outputs["dependencies"]["map"];
export type MapSystem = MapData["systems"][number];
export type ImpactData = Outputs["dependencies"]["impact"];
export type SiteOption = { id: string; name: string };
export type VendorOption = { id: string; name: string };

const isCategory = (value: string): value is SystemCategory =>
  Object.hasOwn(systemCategoryLabels, value);

/** The category as the forms know it (a category the schema no longer lists reads as Other). */
export const categoryOf = (value: string): SystemCategory => (isCategory(value) ? value : "other");
export const categoryLabel = (value: string): string =>
  isCategory(value) ? systemCategoryLabels[value] : value;
