/**
 * What a request says about the client and the address it used, trusted only as far as the
 * deployment says (TRUST_PROXY_HOPS). Pure: it reads headers.
 *
 * Standby's server appends the connecting peer's address (the socket's) to X-Forwarded-For before
 * anything else reads the request (server/request-hook.ts), exactly as a well-behaved proxy does.
 * So the last entry is always the peer, and each trusted proxy in front of Standby appended the one
 * before it; anything earlier is whatever the client claimed. With 0 hops (the default: Standby is
 * reached directly) the client address is the socket's, and X-Forwarded-Host/-Proto are ignored.
 */

type HeaderSource = { get(name: string): string | null };

export const trustProxyHopsMessage =
  "TRUST_PROXY_HOPS must be a whole number from 0 to 10: how many reverse proxies stand in front of Standby.";

/** TRUST_PROXY_HOPS: unset or empty → 0; anything but a whole number 0–10 is a configuration error. */
export function parseTrustProxyHops(value: string | undefined): number {
  const text = (value ?? "").trim();
  if (text === "") return 0;
  if (!/^\d{1,2}$/.test(text) || Number(text) > 10) throw new Error(trustProxyHopsMessage);
  return Number(text);
}

function entries(value: string | null): string[] {
  return (value ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
}

/**
 * The client's address: the X-Forwarded-For entry `hops` places before the last one (the peer).
 * A chain shorter than that holds no client-written entry at all, so its first entry is the client.
 */
export function clientAddressFrom(headers: HeaderSource, hops: number): string {
  const chain = entries(headers.get("x-forwarded-for"));
  return chain.at(-1 - hops) ?? chain[0] ?? "unknown";
}

/** A forwarded value (X-Forwarded-Host/-Proto) as the outermost trusted proxy set it, or null with 0 hops. */
function trustedForwarded(value: string | null, hops: number): string | null {
  if (hops === 0) return null;
  const list = entries(value);
  return list.at(-hops) ?? list[0] ?? null;
}

/**
 * The origin ("http://127.0.0.1:3000") the browser addressed: the Host header over plain HTTP, or —
 * behind trusted proxies — the host and scheme they forwarded. Null when there is no usable host.
 */
export function requestOriginFrom(headers: HeaderSource, hops: number): string | null {
  const host = trustedForwarded(headers.get("x-forwarded-host"), hops) ?? headers.get("host");
  const forwardedProtocol = trustedForwarded(headers.get("x-forwarded-proto"), hops);
  const protocol = forwardedProtocol === "https" ? "https" : "http";
  if (!host || !hostPattern.test(host)) return null;
  return new URL(`${protocol}://${host}`).origin;
}

/** A host name or IPv4 address, or a bracketed IPv6 address, with an optional port; nothing else. */
const hostPattern = /^(?:[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.?|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

/**
 * Where a link mailed to someone who is not signed in ("forgot your password?") may point: the
 * configured address (AUTH_URL), or without one the request's own address only when that is this
 * machine (the laptop case). Anyone can write a Host header, so anything else could send a real
 * reset link to an attacker's host; null then, and no link is mailed.
 */
export function mailedLinkBase(
  requestOrigin: string,
  configured: string | undefined,
): string | null {
  if (configured) return configured.replace(/\/$/, "");
  try {
    const { hostname, origin } = new URL(requestOrigin);
    const loopback =
      hostname === "localhost" || hostname === "[::1]" || /^127(?:\.\d{1,3}){3}$/.test(hostname);
    return loopback ? origin : null;
  } catch {
    return null;
  }
}
