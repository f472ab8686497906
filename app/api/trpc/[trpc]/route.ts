import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { appUrlFrom } from "@/server/app-url";
import { appRouter } from "@/server/routers/_app";
import { sessionClaims } from "@/server/session";

function handler(request: Request) {
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req: request,
    router: appRouter,
    // The session is checked in the same transaction as each procedure (see authedProcedure).
    createContext: async () => ({ user: null, claims: await sessionClaims(), appUrl: appUrlFrom(request.headers) }),
  });
}

export { handler as GET, handler as POST };
