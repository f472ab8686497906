import { z } from "zod";
import { passwordLengthSchema } from "@/server/contracts/password-length";

/** Shared by the account security forms (client) and the account service (server). */

const codeField = z.string().trim().max(40, "Codes are at most 40 characters.").optional();

export const reauthenticateSchema = z.object({
  password: z
    .string()
    .min(1, "Enter your password.")
    .max(128, "Passwords are at most 128 characters."),
  code: codeField,
});
export type ReauthenticateInput = z.input<typeof reauthenticateSchema>;

export const confirmTwoFactorSchema = z.object({
  code: z
    .string()
    .trim()
    .regex(/^\d{3}\s?\d{3}$/, "Enter the 6-digit code your authenticator app shows."),
});
export type ConfirmTwoFactorInput = z.input<typeof confirmTwoFactorSchema>;

export const changePasswordSchema = z.object({ newPassword: passwordLengthSchema });
export type ChangePasswordInput = z.input<typeof changePasswordSchema>;

export const changeEmailSchema = z.object({
  email: z
    .email("Enter an email address.")
    .max(254, "Emails are at most 254 characters.")
    .transform((email) => email.trim().toLowerCase()),
});
export type ChangeEmailInput = z.input<typeof changeEmailSchema>;

export const confirmEmailChangeSchema = z.object({
  token: z
    .string()
    .min(20, "This link is incomplete.")
    .max(100, "This link is not one Standby sent."),
});

export const requireTwoFactorSchema = z.object({ required: z.boolean("Choose on or off.") });
