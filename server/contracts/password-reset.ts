import { z } from "zod";
import { passwordLengthSchema } from "@/server/contracts/password-length";

/** Shared by the forgot-password and reset forms (client) and the password-reset service. */

/** A link someone asked for by email works this long. */
export const SELF_RESET_TTL_MINUTES = 30;
/** A link an admin made for a member (passed on by hand) works this long. */
export const ADMIN_RESET_TTL_HOURS = 24;

export const requestPasswordResetSchema = z.object({
  email: z
    .string()
    .trim()
    .max(254, "Email addresses are at most 254 characters.")
    .pipe(z.email("Enter the email address you sign in with.")),
});
export type RequestPasswordResetInput = z.input<typeof requestPasswordResetSchema>;

export const passwordResetTokenSchema = z.object({
  token: z.string().min(20, "This link is incomplete: copy the whole link.").max(100),
});

/** Checks the length only; the service refuses guessable passwords once the link is known to be valid. */
export const completePasswordResetSchema = passwordResetTokenSchema.extend({
  password: passwordLengthSchema,
});
export type CompletePasswordResetInput = z.input<typeof completePasswordResetSchema>;
