import "server-only";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { TRPCError } from "@trpc/server";
import {
  MAX_BATCH_SIZE,
  bodyLimitFor,
  bodyTooLargeMessage,
  rateLimitedMessage,
  requestRateLimitFromEnv,
  type RateLimit,
} from "@/server/domain/request-limits";
import { appRouter } from "@/server/routers/_app";
import { countRequest } from "@/server/services/request-rate";
import type { SessionClaims } from "@/server/services/auth";
import { toTRPCError, type Context, type ProcedureMeta } from "@/server/trpc";

/**
 * The tRPC endpoint's guard rails, applied to every HTTP request before any input is read:
 *
 * 1. at most MAX_BATCH_SIZE calls per request (the browser's client batches within it);
 * 2. a request without a session may call only procedures marked anonymous (the invitation link);
 *    anything else is refused UNAUTHORIZED before its body is read;
 * 3. the per-user request rate (PostgreSQL, shared by every app server): 429 with Retry-After;
 * 4. JSON bodies only, at most bodyLimitFor(paths) bytes, counted as they stream in: a larger body
 *    is refused (413) when the limit is crossed, never read whole;
 * 5. every answer carries `Cache-Control: private, no-store` (it may hold patient data).
 *
 * The input itself is then revived by the checked transformer in server/trpc.ts.
 */

export type TrpcRequestOptions = {
  /** The session cookie's claims (server/session.ts), not yet checked against the database. */
  claims: SessionClaims | null;
  appUrl: string;
  clientAddress: string;
  /** Overrides REQUEST_RATE_LIMIT_PER_MINUTE (tests). */
  rateLimit?: RateLimit | null;
  /** The time the rate window is counted in (tests inject it). */
  now?: Date;
};

const rateLimitFromEnv = requestRateLimitFromEnv();

/** Whether every named procedure is open to anonymous callers; an unknown path is left to tRPC's NOT_FOUND. */
function onlyAnonymousProcedures(paths: readonly string[]): boolean {
  // At run time the router keeps its procedures in one flat record by path.
  const procedures = appRouter._def.procedures as unknown as Record<
    string,
    { _def: { meta?: ProcedureMeta } }
  >;
  return paths.every(
    (path) => !Object.hasOwn(procedures, path) || procedures[path]!._def.meta?.anonymous === true,
  );
}

/** The request with its body counted as it streams in: past `limit` bytes the stream fails with a 413 error. */
function withBodyLimit(request: Request, limit: number): Request {
  if (!request.body) return request;
  let received = 0;
  const counted = request.body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        received += chunk.byteLength;
        if (received > limit)
          controller.error(
            new TRPCError({ code: "PAYLOAD_TOO_LARGE", message: bodyTooLargeMessage(limit) }),
          );
        else controller.enqueue(chunk);
      },
    }),
  );
  return new Request(request.url, {
    method: request.method,
    headers: request.headers,
    body: counted,
    signal: request.signal,
    duplex: "half",
  } as RequestInit);
}

/** The procedure paths a tRPC URL names ("/api/trpc/a,b?batch=1"). */
function pathsOf(url: URL): string[] {
  const path = decodeURIComponent(url.pathname.replace(/^\/api\/trpc\/?/, "").replace(/\/$/, ""));
  return url.searchParams.get("batch") === "1" ? path.split(",") : [path];
}

export async function handleTrpcRequest(
  request: Request,
  options: TrpcRequestOptions,
): Promise<Response> {
  const url = new URL(request.url);
  const paths = pathsOf(url);
  const bodyLimit = bodyLimitFor(paths);
  const rateLimit = options.rateLimit === undefined ? rateLimitFromEnv : options.rateLimit;

  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req: withBodyLimit(request, bodyLimit),
    router: appRouter,
    // Refused before any call is looked at: one error, not one per call.
    maxBatchSize: MAX_BATCH_SIZE,
    responseMeta: () => ({ headers: { "cache-control": "private, no-store" } }),
    createContext: async ({ resHeaders }): Promise<Context> => {
      if (!options.claims && !onlyAnonymousProcedures(paths))
        throw new TRPCError({
          code: "UNAUTHORIZED",
          message: "Your session has ended. Sign in again.",
        });
      if (
        request.method === "POST" &&
        !/^application\/json\s*(;|$)/i.test(request.headers.get("content-type") ?? "")
      ) {
        throw new TRPCError({
          code: "UNSUPPORTED_MEDIA_TYPE",
          message: "Standby's API accepts JSON requests only.",
        });
      }
      const declaredLength = Number(request.headers.get("content-length") ?? 0);
      if (declaredLength > bodyLimit)
        throw new TRPCError({ code: "PAYLOAD_TOO_LARGE", message: bodyTooLargeMessage(bodyLimit) });
      if (rateLimit) {
        const key = options.claims
          ? `user:${options.claims.userId}`
          : `address:${options.clientAddress}`;
        // A database that cannot be reached is the same plain 503 here as in any procedure.
        const decision = await countRequest(key, paths.length, rateLimit, options.now).catch(
          (error: unknown) => {
            throw toTRPCError(error) ?? error;
          },
        );
        if (!decision.allowed) {
          resHeaders.set("retry-after", String(decision.retryAfterSeconds));
          throw new TRPCError({
            code: "TOO_MANY_REQUESTS",
            message: rateLimitedMessage(decision.retryAfterSeconds),
          });
        }
      }
      return {
        user: null,
        claims: options.claims,
        appUrl: options.appUrl,
        clientAddress: options.clientAddress,
      };
    },
  });
}
