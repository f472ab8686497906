import "server-only";
import { router, signedInProcedure } from "@/server/trpc";

export const sessionRouter = router({
  me: signedInProcedure.query(({ ctx }) => {
    const {
      sessionId: _sessionId,
      reauthenticatedAt: _reauthenticatedAt,
      patientDataAccessFrom: _patientDataAccessFrom,
      ...me
    } = ctx.user;
    return me;
  }),
});
