import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { clientAddressOf } from "@/server/auth";
import { appUrlFrom } from "@/server/app-url";
import { appRouter } from "@/server/routers/_app";
import { sameOriginOnly } from "@/server/same-origin";
import { sessionClaims } from "@/server/session";

function handler(request: Request) {
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req: request,
    router: appRouter,
    // The session is checked in the same transaction as each procedure (see authedProcedure).
    createContext: async () => ({ user: null, claims: await sessionClaims(), appUrl: appUrlFrom(request.headers), clientAddress: clientAddressOf(request.headers) }),
  });
}

// Mutations are POST only (tRPC refuses them over GET); a POST from another site is refused here.
const guarded = sameOriginOnly(handler);
export { guarded as GET, guarded as POST };
