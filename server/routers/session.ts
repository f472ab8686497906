import "server-only";
import { authedProcedure, router } from "@/server/trpc";

export const sessionRouter = router({
  me: authedProcedure.query(({ ctx }) => {
    const { sessionId: _sessionId, ...me } = ctx.user;
    return me;
  }),
});
