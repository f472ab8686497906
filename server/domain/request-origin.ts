/**
 * Cross-site request refusal for state-changing requests (tRPC mutations, the auth routes).
 * Pure: it reads the method and two headers.
 *
 * Browsers send Origin on every cross-origin POST and Sec-Fetch-Site on every request; either is
 * enough to tell a request from another site. A request that carries neither (curl, a server-side
 * client) cannot have come from a victim's browser, so it is let through: CSRF needs a browser.
 */

const safeMethods = new Set(["GET", "HEAD", "OPTIONS"]);

export const crossSiteMessage =
  "Refused: this request came from another site. Open Standby directly and try again.";

/**
 * Refuses an unsafe request whose Origin — scheme, host and port, compared whole — is none of the
 * app's own origins: AUTH_URL's, and the one the browser addressed (see requestOriginFrom in
 * server/domain/forwarded.ts, which trusts forwarded headers only from configured proxies). A page on
 * another site cannot make a browser send Standby's origin.
 */
export function crossSiteRefusal(
  method: string,
  headers: { get(name: string): string | null },
  appOrigins: readonly (string | null)[],
): string | null {
  if (safeMethods.has(method.toUpperCase())) return null;
  const origin = headers.get("origin");
  if (origin !== null)
    return appOrigins.some((appOrigin) => appOrigin !== null && appOrigin === origin)
      ? null
      : crossSiteMessage;
  const site = headers.get("sec-fetch-site");
  if (site !== null && site !== "same-origin" && site !== "none") return crossSiteMessage;
  return null;
}

/** The origin ("https://host:port") of an app URL such as AUTH_URL. */
export function originOf(url: string): string {
  return new URL(url).origin;
}
