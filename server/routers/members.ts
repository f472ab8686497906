import "server-only";
import {
  acceptInvitation,
  changeMemberAccess,
  getInvitation,
  inviteMember,
  listMembers,
  removeMember,
  resetTwoFactor,
  revokeInvitation,
  signOutEverywhere,
} from "@/server/services/members";
import {
  acceptInvitationFormSchema,
  changeMemberAccessSchema,
  invitationIdSchema,
  invitationTokenSchema,
  inviteMemberSchema,
  memberIdSchema,
} from "@/server/contracts/members";
import { adminResetPassword } from "@/server/services/password-reset";
import { mspProcedure, publicProcedure, router } from "@/server/trpc";

export const membersRouter = router({
  list: mspProcedure("members.manage").query(({ ctx }) => ctx.run((s) => listMembers(s))),
  invite: mspProcedure("members.manage")
    .input(inviteMemberSchema)
    .mutation(({ ctx, input }) => ctx.run((s) => inviteMember(s, input, ctx.appUrl))),
  revokeInvitation: mspProcedure("members.manage")
    .input(invitationIdSchema)
    .mutation(({ ctx, input }) => ctx.run((s) => revokeInvitation(s, input))),
  changeAccess: mspProcedure("members.manage")
    .input(changeMemberAccessSchema)
    .mutation(({ ctx, input }) => ctx.run((s) => changeMemberAccess(s, input))),
  remove: mspProcedure("members.manage")
    .input(memberIdSchema)
    .mutation(({ ctx, input }) => ctx.run((s) => removeMember(s, input))),
  signOutEverywhere: mspProcedure("members.manage")
    .input(memberIdSchema)
    .mutation(({ ctx, input }) => ctx.run((s) => signOutEverywhere(s, input))),
  resetTwoFactor: mspProcedure("members.manage")
    .input(memberIdSchema)
    .mutation(({ ctx, input }) => ctx.run((s) => resetTwoFactor(s, input))),
  resetPassword: mspProcedure("members.manage")
    .input(memberIdSchema)
    .mutation(({ ctx, input }) => ctx.run((s) => adminResetPassword(s, input, ctx.appUrl))),
});

/** Invitation links are opened before the person has an account, so these are public. */
export const invitationsRouter = router({
  get: publicProcedure
    .input(invitationTokenSchema)
    .query(({ input }) => getInvitation(input.token)),
  // Password strength is judged by the service once the token proves the link is real: the check is
  // costly, so an anonymous caller without a valid link never gets to run it.
  accept: publicProcedure
    .input(acceptInvitationFormSchema)
    .mutation(({ input }) => acceptInvitation(input)),
});
