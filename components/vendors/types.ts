import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/routers/_app";
import { vendorCategoryLabels, type VendorCategory } from "@/server/contracts/vendors";

type Outputs = inferRouterOutputs<AppRouter>;

/** Catalog page size, shared by the server page (prefetch) and the client list (same query key). */
export const CATALOG_PAGE_SIZE = 25;

export type PracticeVendorLink = Outputs["vendors"]["forPractice"][number];
export type CatalogVendor = Outputs["vendors"]["list"]["items"][number];
export type ImportPreview = Outputs["vendors"]["previewImport"];

const isCategory = (value: string): value is VendorCategory =>
  Object.hasOwn(vendorCategoryLabels, value);
export const vendorCategoryOf = (value: string): VendorCategory =>
  isCategory(value) ? value : "other";
export const vendorCategoryLabel = (value: string): string =>
  isCategory(value) ? vendorCategoryLabels[value] : value;
