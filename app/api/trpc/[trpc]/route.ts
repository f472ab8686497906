import { clientAddressOf } from "@/server/auth";
import { appUrlFrom } from "@/server/app-url";
import { sameOriginOnly } from "@/server/same-origin";
import { sessionClaims } from "@/server/session";
import { handleTrpcRequest } from "@/server/trpc-route";

// Body, batch and rate limits, and the anonymous-caller check, are in handleTrpcRequest.
// The session is checked in the same transaction as each procedure (see authedProcedure).
async function handler(request: Request) {
  return handleTrpcRequest(request, {
    claims: await sessionClaims(),
    appUrl: appUrlFrom(request.headers),
    clientAddress: clientAddressOf(request.headers),
  });
}

// Mutations are POST only (tRPC refuses them over GET); a POST from another site is refused here.
const guarded = sameOriginOnly(handler);
export { guarded as GET, guarded as POST };
