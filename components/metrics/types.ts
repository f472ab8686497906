import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/routers/_app";

export type QuarterlyMetrics = inferRouterOutputs<AppRouter>["metrics"]["quarterly"];
export type QuarterFigures = QuarterlyMetrics["figures"][number];
export type TrendKey = keyof QuarterlyMetrics["trends"];
export type Trend = QuarterlyMetrics["trends"][TrendKey];
