import "server-only";
import { appUrlFrom, trustProxyHops } from "@/server/app-url";
import { requestOriginFrom } from "@/server/domain/forwarded";
import { crossSiteRefusal, originOf } from "@/server/domain/request-origin";

/**
 * Refuses a state-changing request that a browser sent from another site (403), before any
 * handler runs. Used by the tRPC and auth route handlers; server actions get the same check from
 * Next.js itself (it compares Origin with Host).
 */
export function refuseCrossSite(request: Request): Response | null {
  const appOrigins = [
    originOf(appUrlFrom(request.headers)),
    requestOriginFrom(request.headers, trustProxyHops()),
  ];
  const message = crossSiteRefusal(request.method, request.headers, appOrigins);
  return message ? Response.json({ error: { message, code: "FORBIDDEN" } }, { status: 403 }) : null;
}

/** Wraps a route handler with refuseCrossSite. */
export function sameOriginOnly<Args extends unknown[]>(
  handler: (request: Request, ...rest: Args) => Promise<Response> | Response,
) {
  return async (request: Request, ...rest: Args): Promise<Response> =>
    refuseCrossSite(request) ?? handler(request, ...rest);
}
