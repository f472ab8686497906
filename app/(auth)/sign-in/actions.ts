"use server";

import { CredentialsSignin } from "next-auth";
import { signIn } from "@/server/auth";
import { safeRedirectPath } from "@/server/domain/safe-redirect";
import { signInSchema } from "@/server/services/auth-schemas";

function messageFor(code: string): string {
  const throttled = /^throttled-(\d+)$/.exec(code);
  if (throttled) {
    const minutes = Number(throttled[1]);
    return `Too many failed sign-ins. Wait ${minutes} minute${minutes === 1 ? "" : "s"} and try again.`;
  }
  return "That email and password do not match an account. Check them and try again.";
}

/** Signs in and redirects; on failure returns a message that never says whether the email exists. */
export async function signInAction(input: { email: string; password: string; callbackUrl?: string }): Promise<{ error: string }> {
  const parsed = signInSchema.safeParse(input);
  if (!parsed.success) return { error: "Enter your email address and password." };
  try {
    await signIn("credentials", { ...parsed.data, redirectTo: safeRedirectPath(input.callbackUrl) });
  } catch (error) {
    if (error instanceof CredentialsSignin) return { error: messageFor(error.code) };
    throw error; // the redirect after a successful sign-in travels as an exception
  }
  return { error: "" };
}
