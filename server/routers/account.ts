import "server-only";
import { InvalidError, ThrottledError } from "@/server/errors";
import {
  changeEmail,
  confirmEmailChange,
  changePassword,
  confirmTwoFactorEnrolment,
  disableTwoFactor,
  getAccountSecurity,
  getMspSecurity,
  regenerateRecoveryCodes,
  setRequireTwoFactor,
  startTwoFactorEnrolment,
} from "@/server/services/account";
import {
  changeEmailSchema,
  confirmEmailChangeSchema,
  changePasswordSchema,
  confirmTwoFactorSchema,
  reauthenticateSchema,
  requireTwoFactorSchema,
} from "@/server/contracts/account";
import { reauthenticate } from "@/server/services/auth";
import { saveSupportLineSchema } from "@/server/contracts/support-line";
import { getSupportLine, saveSupportLine } from "@/server/services/support-line";
import { mspProcedure, router, runAs, signedInProcedure } from "@/server/trpc";

/**
 * A person's own sign-in settings. These stay open to someone the MSP is sending to enrol in
 * two-factor (signedInProcedure); every change needs a recent re-authentication, checked by the service.
 */
export const accountRouter = router({
  security: signedInProcedure.query(({ ctx }) =>
    runAs(ctx.user, (s) => getAccountSecurity(s, ctx.user.sessionId)),
  ),
  reauthenticate: signedInProcedure.input(reauthenticateSchema).mutation(async ({ ctx, input }) => {
    const result = await reauthenticate(ctx.user, {
      ...input,
      clientAddress: ctx.clientAddress ?? "unknown",
    });
    if (result.ok) return { ok: true as const };
    if (result.reason === "throttled") throw new ThrottledError(result.minutes);
    if (result.reason === "two_factor_required")
      throw new InvalidError(
        "Enter the code from your authenticator app, or a recovery code.",
        "code",
      );
    if (result.reason === "invalid_code")
      throw new InvalidError(
        "That code is not right. Check your authenticator app and try again.",
        "code",
      );
    throw new InvalidError("That password is not right.", "password");
  }),
  startTwoFactor: signedInProcedure.mutation(({ ctx }) =>
    runAs(ctx.user, (s) => startTwoFactorEnrolment(s, ctx.user.sessionId)),
  ),
  confirmTwoFactor: signedInProcedure
    .input(confirmTwoFactorSchema)
    .mutation(({ ctx, input }) =>
      runAs(ctx.user, (s) => confirmTwoFactorEnrolment(s, ctx.user.sessionId, input)),
    ),
  disableTwoFactor: signedInProcedure.mutation(({ ctx }) =>
    runAs(ctx.user, (s) => disableTwoFactor(s, ctx.user.sessionId)),
  ),
  regenerateRecoveryCodes: signedInProcedure.mutation(({ ctx }) =>
    runAs(ctx.user, (s) => regenerateRecoveryCodes(s, ctx.user.sessionId)),
  ),
  changePassword: signedInProcedure
    .input(changePasswordSchema)
    .mutation(({ ctx, input }) =>
      runAs(ctx.user, (s) => changePassword(s, ctx.user.sessionId, input)),
    ),
  /** Sends a link to the new address; the email changes when it is opened (confirmEmail). */
  changeEmail: signedInProcedure
    .input(changeEmailSchema)
    .mutation(({ ctx, input }) =>
      runAs(ctx.user, (s) => changeEmail(s, ctx.user.sessionId, input, ctx.appUrl)),
    ),
  confirmEmail: signedInProcedure
    .input(confirmEmailChangeSchema)
    .mutation(({ ctx, input }) => runAs(ctx.user, (s) => confirmEmailChange(s, input.token))),
});

/** The MSP's settings: security for admins only; the support line read by every member, set by admins. */
export const mspSettingsRouter = router({
  supportLine: mspProcedure("msp.supportLine.read").query(({ ctx }) =>
    ctx.run((s) => getSupportLine(s)),
  ),
  saveSupportLine: mspProcedure("msp.supportLine.write")
    .input(saveSupportLineSchema)
    .mutation(({ ctx, input }) => ctx.run((s) => saveSupportLine(s, input))),
  security: mspProcedure("msp.security").query(({ ctx }) => ctx.run((s) => getMspSecurity(s))),
  setRequireTwoFactor: mspProcedure("msp.security")
    .input(requireTwoFactorSchema)
    .mutation(({ ctx, input }) => ctx.run((s) => setRequireTwoFactor(s, input))),
});
