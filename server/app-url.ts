import "server-only";
import { parseTrustProxyHops, requestOriginFrom } from "@/server/domain/forwarded";

/** TRUST_PROXY_HOPS: how many reverse proxies in front of Standby are trusted to forward the client's details. */
export function trustProxyHops(): number {
  return parseTrustProxyHops(process.env.TRUST_PROXY_HOPS);
}

/**
 * The address people reach Standby at, for links in invitations. AUTH_URL wins when set; without it,
 * the address this request was sent to (forwarded host and scheme only from trusted proxies).
 */
export function appUrlFrom(headers: Headers): string {
  if (process.env.AUTH_URL) return process.env.AUTH_URL.replace(/\/$/, "");
  return requestOriginFrom(headers, trustProxyHops()) ?? "http://localhost:3000";
}
