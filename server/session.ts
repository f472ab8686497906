import "server-only";
import { LRUCache } from "lru-cache";
import { decode } from "next-auth/jwt";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { sessionCookieName } from "@/server/auth";
import {
  DATABASE_UNAVAILABLE_DIGEST,
  DATABASE_UNAVAILABLE_MESSAGE,
  isDatabaseUnavailable,
} from "@/server/domain/database-unavailable";
import { safeRedirectPath } from "@/server/domain/safe-redirect";
import { env } from "@/server/env";
import { sessionPolicyFromEnv } from "@/server/domain/session-rules";
import { validateSession, type SessionClaims, type SessionUser } from "@/server/services/auth";

const policy = sessionPolicyFromEnv();

/**
 * Decrypting the session cookie costs a key derivation and a decryption on every request, and the
 * same cookie always decrypts to the same claims: they are kept per cookie for five minutes, never
 * past the cookie's own expiry. Only the decryption is saved; the claims are still checked against
 * the database on every request.
 */
const CLAIMS_KEPT_MS = 5 * 60_000;
const claimsByCookie = new LRUCache<string, SessionClaims>({ max: 10_000, ttl: CLAIMS_KEPT_MS });

/** The claims of the request's session cookie, not yet checked against the database. */
export async function sessionClaims(): Promise<SessionClaims | null> {
  const token = (await cookies()).get(sessionCookieName)?.value;
  if (!token) return null;
  const known = claimsByCookie.get(token);
  if (known) return known;
  const payload = await decode({ token, secret: env().AUTH_SECRET, salt: sessionCookieName }).catch(
    () => null,
  );
  const claims =
    payload?.sid && payload.uid && payload.msp
      ? { sessionId: payload.sid, userId: payload.uid, mspId: payload.msp }
      : null;
  const expiresInMs = typeof payload?.exp === "number" ? payload.exp * 1000 - Date.now() : 0;
  if (claims && expiresInMs > 0)
    claimsByCookie.set(token, claims, { ttl: Math.min(expiresInMs, CLAIMS_KEPT_MS) });
  return claims;
}

/**
 * The signed-in person for this request, checked against the database (revoked, idle, expired,
 * removed → null). Cached per request, so a page and its tRPC calls check once.
 */
export const getCurrentUser = cache(async (): Promise<SessionUser | null> => {
  const claims = await sessionClaims();
  if (!claims) return null;
  try {
    return await validateSession(claims, policy);
  } catch (error) {
    // The page's error boundary (app/error.tsx) shows "connection lost, retrying" for this digest.
    if (isDatabaseUnavailable(error))
      throw Object.assign(new Error(DATABASE_UNAVAILABLE_MESSAGE, { cause: error }), {
        digest: DATABASE_UNAVAILABLE_DIGEST,
      });
    throw error;
  }
});

/**
 * The signed-in person, for pages and layouts of signed-in people: without one (the session was
 * revoked, idle, expired, or the person removed) it redirects to sign-in, which comes back here.
 */
export async function requireUser(): Promise<SessionUser> {
  const user = await getCurrentUser();
  if (!user) redirect(signInAgainUrl(await headers()));
  return user;
}

/**
 * Sign-in for someone whose session ended, coming back to where they were. A layout is not told
 * its path, so proxy.ts passes it in x-pathname; it is checked like any other return address.
 */
export function signInAgainUrl(requestHeaders: Headers): string {
  const back = safeRedirectPath(requestHeaders.get("x-pathname"));
  return `/sign-in?reason=expired${back === "/" ? "" : `&callbackUrl=${encodeURIComponent(back)}`}`;
}
