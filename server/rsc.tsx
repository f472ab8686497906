import "server-only";
import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import { createTRPCOptionsProxy } from "@trpc/tanstack-react-query";
import { headers } from "next/headers";
import { cache, type ReactNode } from "react";
import { makeQueryClient } from "@/components/trpc/query-client";
import { appUrlFrom } from "@/server/app-url";
import { appRouter } from "@/server/routers/_app";
import { getCurrentUser } from "@/server/session";

/** Server components call procedures in-process, with the same context an HTTP call would get. */
const createRscContext = cache(async () => ({
  user: await getCurrentUser(),
  appUrl: appUrlFrom(await headers()),
}));

export const getQueryClient = cache(() => makeQueryClient());

export const trpc = createTRPCOptionsProxy({
  ctx: createRscContext,
  router: appRouter,
  queryClient: getQueryClient,
});

/** The procedures called in-process, for a server action: the same checks and errors as over HTTP. */
export async function serverCaller() {
  return appRouter.createCaller(await createRscContext());
}

export function HydrateClient({ children }: { children: ReactNode }) {
  return <HydrationBoundary state={dehydrate(getQueryClient())}>{children}</HydrationBoundary>;
}
