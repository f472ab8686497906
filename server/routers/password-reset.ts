import "server-only";
import {
  completePasswordResetSchema,
  passwordResetTokenSchema,
  requestPasswordResetSchema,
} from "@/server/contracts/password-reset";
import {
  completePasswordReset,
  getPasswordReset,
  requestPasswordReset,
} from "@/server/services/password-reset";
import { publicProcedure, router } from "@/server/trpc";

/** Forgotten passwords: used before anyone is signed in, so these are public (and rate-limited). */
export const passwordResetRouter = router({
  request: publicProcedure
    .input(requestPasswordResetSchema)
    .mutation(({ ctx, input }) =>
      requestPasswordReset(input, ctx.appUrl, ctx.clientAddress ?? "unknown"),
    ),
  get: publicProcedure
    .input(passwordResetTokenSchema)
    .query(({ input }) => getPasswordReset(input)),
  // Password strength is judged once the link is known to be valid (a costly check).
  complete: publicProcedure
    .input(completePasswordResetSchema)
    .mutation(({ input }) => completePasswordReset(input)),
});
