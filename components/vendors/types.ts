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

/** tel: links dial the digits only. */
export const telHref = (phone: string) => `tel:${phone.replace(/[^0-9+]/g, "")}`;

/** A day in the practice's time zone, the same on the server and in the browser. */
export function formatDay(date: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeZone }).format(date);
}
