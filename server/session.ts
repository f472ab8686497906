import "server-only";
import { cache } from "react";
import { auth } from "@/server/auth";
import { safeRedirectPath } from "@/server/domain/safe-redirect";
import { sessionPolicyFromEnv } from "@/server/domain/session-rules";
import { validateSession, type SessionUser } from "@/server/services/auth";

const policy = sessionPolicyFromEnv();

/**
 * The signed-in person for this request, checked against the database (revoked, idle, expired,
 * removed → null). Cached per request, so a page and its tRPC calls check once.
 */
export const getCurrentUser = cache(async (): Promise<SessionUser | null> => {
  const session = await auth();
  if (!session?.claims) return null;
  return validateSession(session.claims, policy);
});

/**
 * Sign-in for someone whose session ended, coming back to where they were. A layout is not told
 * its path, so proxy.ts passes it in x-pathname; it is checked like any other return address.
 */
export function signInAgainUrl(requestHeaders: Headers): string {
  const back = safeRedirectPath(requestHeaders.get("x-pathname"));
  return `/sign-in?reason=expired${back === "/" ? "" : `&callbackUrl=${encodeURIComponent(back)}`}`;
}
