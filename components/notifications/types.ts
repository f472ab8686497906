import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/routers/_app";

type Outputs = inferRouterOutputs<AppRouter>;

export type ChannelView = Outputs["notifications"]["channels"][number];
export type DeliveryLogPage = Outputs["notifications"]["deliveries"];
export type DeliveryLogItem = DeliveryLogPage["items"][number];
