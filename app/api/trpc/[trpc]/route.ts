import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { appUrlFrom } from "@/server/app-url";
import { appRouter } from "@/server/routers/_app";
import { getCurrentUser } from "@/server/session";

function handler(request: Request) {
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req: request,
    router: appRouter,
    createContext: async () => ({ user: await getCurrentUser(), appUrl: appUrlFrom(request.headers) }),
  });
}

export { handler as GET, handler as POST };
