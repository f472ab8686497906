import {
  defaultShouldDehydrateQuery,
  MutationCache,
  QueryCache,
  QueryClient,
} from "@tanstack/react-query";
import superjson from "superjson";
import { CONNECTION_RETRIES, isConnectionProblem, retryDelayMs } from "./connection-state";

/** One shape of query client for the server (prefetch) and the browser (hydrate). */
export function makeQueryClient(onError?: (error: unknown) => void) {
  return new QueryClient({
    queryCache: new QueryCache({ onError }),
    mutationCache: new MutationCache({ onError }),
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        retry: (failureCount, error) => {
          // The server or its database unreachable: the browser keeps trying with backoff (the banner says
          // so); a server-side prefetch does not wait, the browser asks again.
          if (isConnectionProblem(error))
            return typeof window !== "undefined" && failureCount < CONNECTION_RETRIES;
          // Over HTTP the code is in error.data; from an in-process server call it is error.code.
          const code =
            (error as { data?: { code?: string } }).data?.code ?? (error as { code?: string }).code;
          // Too many requests: asking again at once would only add to them (the message says when to try again).
          return (
            ![
              "UNAUTHORIZED",
              "FORBIDDEN",
              "NOT_FOUND",
              "BAD_REQUEST",
              "TOO_MANY_REQUESTS",
              "PAYLOAD_TOO_LARGE",
            ].includes(code ?? "") && failureCount < 2
          );
        },
        retryDelay: (failureCount) => retryDelayMs(failureCount),
      },
      dehydrate: {
        serializeData: superjson.serialize,
        // A query marked serverOnly was read for the server's own rendering: the browser never reads it.
        shouldDehydrateQuery: (query) =>
          query.meta?.serverOnly !== true &&
          (defaultShouldDehydrateQuery(query) || query.state.status === "pending"),
      },
      hydrate: { deserializeData: superjson.deserialize },
    },
  });
}
