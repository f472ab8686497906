import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/routers/_app";

type Outputs = inferRouterOutputs<AppRouter>;

export type PortfolioPage = Outputs["practices"]["portfolio"];
export type PortfolioItem = PortfolioPage["items"][number];
