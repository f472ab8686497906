import { subscribe } from "node:diagnostics_channel";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Socket } from "node:net";
import { parseTrustProxyHops } from "@/server/domain/forwarded";

/**
 * What Standby needs from the connection itself, set on every request before Next.js sees it. Node's
 * HTTP server announces each request on the `http.server.request.start` diagnostics channel, with
 * its socket, just before handing it to Next.js; route handlers and server actions never see the
 * socket, and `next start` keeps a client-written X-Forwarded-For as it is (it only fills the header
 * in when absent), so without this a client could name any address it liked.
 *
 * - X-Forwarded-For gets the connecting peer's address appended, as a proxy does, so its last entry
 *   is always the socket's address (see clientAddressFrom in server/domain/forwarded.ts).
 * - With no trusted proxy (TRUST_PROXY_HOPS=0), a client-written X-Forwarded-Host/-Proto/-Port is
 *   dropped: Next.js then fills them from the Host header and the connection, so nothing downstream
 *   (Auth.js' redirects, Next.js' server-action origin check) can be told another host.
 * - HSTS, when AUTH_URL is https — decided when the server starts, not when it was built.
 */
export const hstsValue = "max-age=63072000; includeSubDomains";

type RequestStart = { request: IncomingMessage; response: ServerResponse; socket: Socket };

export function installRequestHook(env: NodeJS.ProcessEnv) {
  const marker = Symbol.for("standby.request-hook");
  const registry = globalThis as { [marker]?: true };
  if (registry[marker]) return;
  registry[marker] = true;

  const hops = parseTrustProxyHops(env.TRUST_PROXY_HOPS);
  const hsts = (env.AUTH_URL ?? "").startsWith("https://");
  subscribe("http.server.request.start", (message) => {
    const { request, response, socket } = message as RequestStart;
    const peer = (socket.remoteAddress ?? "unknown").replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, "");
    const forwardedFor = request.headers["x-forwarded-for"];
    request.headers["x-forwarded-for"] = forwardedFor ? `${String(forwardedFor)}, ${peer}` : peer;
    if (hops === 0) {
      delete request.headers["x-forwarded-host"];
      delete request.headers["x-forwarded-proto"];
      delete request.headers["x-forwarded-port"];
    }
    if (hsts) response.setHeader("Strict-Transport-Security", hstsValue);
  });
}
