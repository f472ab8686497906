import { z } from "zod";

/** Shared by the sign-in form (client) and the credentials check (server). */
export const signInSchema = z.object({
  email: z.email("Enter your email address.").max(254, "Emails are at most 254 characters."),
  password: z
    .string()
    .min(1, "Enter your password.")
    .max(128, "Passwords are at most 128 characters."),
});
export type SignInInput = z.infer<typeof signInSchema>;
