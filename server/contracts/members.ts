import { z } from "zod";
import { documentVersion } from "./common";
import { passwordLengthSchema } from "@/server/contracts/password-length";
import { memberRoleValues as roles, type MemberRole as Role } from "@/db/schema/values";

/** Shared by the member and invitation forms (client) and the members service (server). */

export const INVITATION_TTL_DAYS = 7;

const accessFields = {
  role: z.enum(roles, "Choose a role."),
  practiceIds: z.array(z.uuid()).max(500, "Choose at most 500 practices."),
  /** Leadership only: every practice of the MSP, now and later. An explicit choice: an empty list is no practice. */
  allPractices: z.boolean("Choose whether they see all practices.").default(false),
};

function requirePracticesForScopedRoles(
  value: { role: Role; practiceIds: string[]; allPractices: boolean },
  ctx: z.RefinementCtx,
) {
  if (value.role === "practice_manager" && value.practiceIds.length === 0)
    ctx.addIssue({
      code: "custom",
      path: ["practiceIds"],
      message: "Choose the practice this practice manager looks after.",
    });
  if ((value.role === "admin" || value.role === "technician") && value.practiceIds.length > 0)
    ctx.addIssue({
      code: "custom",
      path: ["practiceIds"],
      message: "Admins and technicians see every practice; clear the practice list.",
    });
  if (value.allPractices && value.role !== "leadership")
    ctx.addIssue({
      code: "custom",
      path: ["allPractices"],
      message:
        "Only leadership can be given all practices; the other roles' reach follows from the role.",
    });
  if (value.role === "leadership" && value.allPractices && value.practiceIds.length > 0)
    ctx.addIssue({
      code: "custom",
      path: ["practiceIds"],
      message: "Choose all practices or a list of practices, not both.",
    });
  if (value.role === "leadership" && !value.allPractices && value.practiceIds.length === 0)
    ctx.addIssue({
      code: "custom",
      path: ["practiceIds"],
      message: "Choose the practices this person may see, or all practices.",
    });
}

export const inviteMemberSchema = z
  .object({
    email: z
      .email("Enter an email address.")
      .max(254)
      .transform((email) => email.toLowerCase()),
    ...accessFields,
  })
  .superRefine(requirePracticesForScopedRoles);
export type InviteMemberInput = z.input<typeof inviteMemberSchema>;

export const changeMemberAccessSchema = z
  .object({ userId: z.uuid("Unknown member."), version: documentVersion, ...accessFields })
  .superRefine(requirePracticesForScopedRoles);

export const memberIdSchema = z.object({ userId: z.uuid("Unknown member.") });
export const invitationIdSchema = z.object({ invitationId: z.uuid("Unknown invitation.") });

export const invitationTokenSchema = z.object({
  token: z.string().min(20, "This invitation link is incomplete.").max(100),
});

/**
 * Checks the password's length only; the service also refuses guessable passwords once the token
 * is known to be valid (the dictionaries are too large to ship to the browser, the check too costly
 * to run for anyone without a valid link).
 */
export const acceptInvitationFormSchema = invitationTokenSchema.extend({
  name: z.string().trim().min(1, "Enter your name.").max(120, "Names are at most 120 characters."),
  password: passwordLengthSchema,
});
export type AcceptInvitationInput = z.input<typeof acceptInvitationFormSchema>;
