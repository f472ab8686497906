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
  if (code === "two-factor") return "Enter the code from your authenticator app, or one of your recovery codes.";
  if (code === "bad-code") return "That code is not right. Enter the code your app shows now, or a recovery code you have not used.";
  return "That email and password do not match an account. Check them and try again.";
}

/**
 * Signs in and redirects; on failure returns a message that never says whether the email exists.
 * With two-factor on, the first call (no code) answers secondFactor: the form then asks for the code
 * and sends the email, password and code together; no session exists before that succeeds.
 */
export async function signInAction(input: { email: string; password: string; code?: string; callbackUrl?: string }): Promise<{ error: string; secondFactor?: boolean }> {
  const parsed = signInSchema.safeParse(input);
  if (!parsed.success) return { error: "Enter your email address and password." };
  const code = typeof input.code === "string" ? input.code.trim().slice(0, 40) : "";
  try {
    await signIn("credentials", { ...parsed.data, ...(code ? { code } : {}), redirectTo: safeRedirectPath(input.callbackUrl) });
  } catch (error) {
    if (error instanceof CredentialsSignin) {
      if (error.code === "two-factor") return { error: code ? messageFor(error.code) : "", secondFactor: true };
      return { error: messageFor(error.code), secondFactor: error.code === "bad-code" ? true : undefined };
    }
    throw error; // the redirect after a successful sign-in travels as an exception
  }
  return { error: "" };
}
