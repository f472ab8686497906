/**
 * Cross-site request refusal for state-changing requests (tRPC mutations, the auth routes).
 * Pure: it reads the method and two headers.
 *
 * Browsers send Origin on every cross-origin POST and Sec-Fetch-Site on every request; either is
 * enough to tell a request from another site. A request that carries neither (curl, a server-side
 * client) cannot have come from a victim's browser, so it is let through: CSRF needs a browser.
 */

const safeMethods = new Set(["GET", "HEAD", "OPTIONS"]);

export const crossSiteMessage = "Refused: this request came from another site. Open Standby directly and try again.";

/**
 * The request's own origin is AUTH_URL's, or — as Next.js does for server actions — one whose host is
 * the Host the browser addressed (x-forwarded-host behind a proxy): a page on another site cannot
 * make a browser send that site's Origin with Standby's Host.
 */
export function crossSiteRefusal(method: string, headers: { get(name: string): string | null }, appOrigin: string): string | null {
  if (safeMethods.has(method.toUpperCase())) return null;
  const origin = headers.get("origin");
  if (origin !== null) return origin === appOrigin || sameHost(origin, headers.get("x-forwarded-host") ?? headers.get("host")) ? null : crossSiteMessage;
  const site = headers.get("sec-fetch-site");
  if (site !== null && site !== "same-origin" && site !== "none") return crossSiteMessage;
  return null;
}

/** The origin ("https://host:port") of an app URL such as AUTH_URL. */
export function originOf(url: string): string {
  return new URL(url).origin;
}

function sameHost(origin: string, host: string | null): boolean {
  if (!host) return false;
  try {
    return new URL(origin).host === host.split(",")[0]!.trim();
  } catch {
    return false;
  }
}
