import "server-only";
import { cache } from "react";
import { auth } from "@/server/auth";
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
