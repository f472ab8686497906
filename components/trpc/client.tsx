"use client";

import { QueryClientProvider, type QueryClient } from "@tanstack/react-query";
import {
  createTRPCClient,
  httpBatchLink,
  httpSubscriptionLink,
  splitLink,
  type TRPCLink,
} from "@trpc/client";
import { observable } from "@trpc/server/observable";
import { createTRPCContext } from "@trpc/tanstack-react-query";
import { useState, type ReactNode } from "react";
import superjson from "superjson";
import { MAX_BATCH_SIZE } from "@/server/domain/request-limits";
import type { AppRouter } from "@/server/routers/_app";
import { isConnectionProblem, reportConnectionLost } from "./connection-state";
import { makeQueryClient } from "./query-client";

export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();

/** An ended session (idle, revoked, removed) sends the person back to sign-in from any screen. */
function redirectWhenSignedOut(error: unknown) {
  if ((error as { data?: { code?: string } }).data?.code !== "UNAUTHORIZED") return;
  const back = `${window.location.pathname}${window.location.search}`;
  // A full page load, not router.push: nothing of the ended session should stay in memory.
  // eslint-disable-next-line @next/next/no-location-assign-relative-destination
  window.location.assign(`/sign-in?callbackUrl=${encodeURIComponent(back)}&reason=expired`);
}

/** Every failed call: an ended session goes to sign-in; a lost connection raises the banner. */
function onCallError(error: unknown) {
  redirectWhenSignedOut(error);
  if (isConnectionProblem(error)) reportConnectionLost();
}

/**
 * Subscriptions do not pass through the query cache, so its error handler never sees them: this
 * link gives a live stream refused for an ended session the same way back to sign-in.
 */
const signedOutLink: TRPCLink<AppRouter> =
  () =>
  ({ op, next }) =>
    observable((observer) => {
      const subscription = next(op).subscribe({
        next: (value) => observer.next(value),
        error: (error) => {
          onCallError(error);
          observer.error(error);
        },
        complete: () => observer.complete(),
      });
      return () => subscription.unsubscribe();
    });

let browserQueryClient: QueryClient | undefined;

function getQueryClient() {
  if (typeof window === "undefined") return makeQueryClient();
  browserQueryClient ??= makeQueryClient(onCallError);
  return browserQueryClient;
}

export function TRPCReactProvider({ children }: { children: ReactNode }) {
  const queryClient = getQueryClient();
  const [trpcClient] = useState(() =>
    createTRPCClient<AppRouter>({
      links: [
        splitLink({
          // Live streams (the incident timeline) arrive as server-sent events; a reconnect resumes after the last event id.
          condition: (op) => op.type === "subscription",
          true: [signedOutLink, httpSubscriptionLink({ url: "/api/trpc", transformer: superjson })],
          // The server refuses a batch of more than MAX_BATCH_SIZE calls; the link splits larger ones.
          false: httpBatchLink({
            url: "/api/trpc",
            transformer: superjson,
            maxItems: MAX_BATCH_SIZE,
          }),
        }),
      ],
    }),
  );
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        {children}
      </TRPCProvider>
    </QueryClientProvider>
  );
}
