import "server-only";
import { CredentialsSignin } from "next-auth";
import { signIn } from "@/server/auth";
import { safeRedirectPath } from "@/server/domain/safe-redirect";
import { ThrottledError } from "@/server/errors";

export type SignInOutcome = { ok: false; secondFactor: boolean; message: string };

function messageFor(code: string): string {
  const throttled = /^throttled-(\d+)$/.exec(code);
  if (throttled) return new ThrottledError(Number(throttled[1]), "failed sign-ins").message;
  if (code === "two-factor")
    return "Enter the code from your authenticator app, or one of your recovery codes.";
  if (code === "bad-code")
    return "That code is not right. Enter the code your app shows now, or a recovery code you have not used.";
  return "That email and password do not match an account. Check them and try again.";
}

/**
 * Signs in and redirects (the redirect travels as an exception: call this from a server action and
 * let it through); on failure answers a message that never says whether the email exists, and
 * whether the form should ask for the two-factor code.
 */
export async function attemptSignIn(input: {
  email: string;
  password: string;
  code?: string;
  callbackUrl?: string;
}): Promise<SignInOutcome> {
  const code = (input.code ?? "").trim().slice(0, 40);
  try {
    await signIn("credentials", {
      email: input.email,
      password: input.password,
      ...(code ? { code } : {}),
      redirectTo: safeRedirectPath(input.callbackUrl),
    });
  } catch (error) {
    if (error instanceof CredentialsSignin) {
      if (error.code === "two-factor")
        return { ok: false, secondFactor: true, message: code ? messageFor(error.code) : "" };
      return {
        ok: false,
        secondFactor: error.code === "bad-code",
        message: messageFor(error.code),
      };
    }
    throw error;
  }
  // signIn redirects on success; reaching here means it did not.
  return { ok: false, secondFactor: false, message: messageFor("invalid") };
}
