/**
 * The session cookie's name and flags, decided by the address Standby is served at (AUTH_URL).
 * Over https it is Secure with the __Host- prefix (the browser then refuses it unless it is Secure,
 * has Path=/ and no Domain, so a sibling subdomain cannot plant or overwrite it). Always httpOnly
 * (no script reads it) and SameSite=Lax (not sent on cross-site POSTs, sub-requests or frames).
 */
export function sessionCookieFor(authUrl: string | undefined) {
  const secure = (authUrl ?? "").startsWith("https://");
  return {
    name: secure ? "__Host-standby.session" : "standby.session",
    options: { httpOnly: true, sameSite: "lax" as const, path: "/", secure },
  };
}
