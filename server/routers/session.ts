import "server-only";
import { router, signedInProcedure } from "@/server/trpc";

export const sessionRouter = router({
  me: signedInProcedure.query(({ ctx }) => {
    const { sessionId: _sessionId, reauthenticatedAt: _reauthenticatedAt, ...me } = ctx.user;
    return me;
  }),
});
