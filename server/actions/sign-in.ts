"use server";

import { z } from "zod";
import { signInSchema } from "@/server/contracts/auth";
import { openPendingSignIn, sealPendingSignIn } from "@/server/pending-sign-in";
import { attemptSignIn } from "@/server/sign-in-attempt";

export type SignInFormState = {
  step: "password" | "code";
  email: string;
  /** A message for the whole form (wrong password, throttled, took too long). */
  error?: string;
  fieldErrors?: { email?: string; password?: string; code?: string };
  /** While asking for the code: the checked email and password, sealed (see sealPendingSignIn). */
  pending?: string;
};

const text = (form: FormData, name: string, max: number) => {
  const value = form.get(name);
  return typeof value === "string" ? value.slice(0, max) : "";
};

/**
 * The sign-in form's action: a POST that works before (or without) the page's JavaScript, and never
 * puts the password in a URL. Signs in and redirects; on failure answers the form's next state with
 * a message that never says whether the email exists. With two-factor on, the first step (no code)
 * answers the code step: it sends the email and password again, sealed, with the code, and no
 * session exists before all three pass.
 */
export async function signInFormAction(
  _previous: SignInFormState,
  form: FormData,
): Promise<SignInFormState> {
  const callbackUrl = text(form, "callbackUrl", 2000) || undefined;
  const sealed = text(form, "pending", 2000);

  if (sealed) {
    const pending = openPendingSignIn(sealed);
    if (!pending)
      return {
        step: "password",
        email: "",
        error: "That took too long. Enter your email and password again.",
      };
    if (form.get("intent") === "restart") return { step: "password", email: pending.email };
    const code = text(form, "code", 40).trim();
    if (!code)
      return {
        step: "code",
        email: pending.email,
        pending: sealed,
        fieldErrors: {
          code: "Enter the 6-digit code from your authenticator app, or a recovery code.",
        },
      };
    const outcome = await attemptSignIn({ ...pending, code, callbackUrl });
    if (outcome.secondFactor)
      return {
        step: "code",
        email: pending.email,
        pending: sealed,
        fieldErrors: { code: outcome.message },
      };
    // Throttled, or the password no longer matches: start again from the password.
    return { step: "password", email: pending.email, error: outcome.message };
  }

  const email = text(form, "email", 300);
  const parsed = signInSchema.safeParse({ email, password: text(form, "password", 200) });
  if (!parsed.success) {
    const errors = z.flattenError(parsed.error).fieldErrors;
    return {
      step: "password",
      email,
      fieldErrors: { email: errors.email?.[0], password: errors.password?.[0] },
    };
  }
  const outcome = await attemptSignIn({ ...parsed.data, callbackUrl });
  if (outcome.secondFactor)
    return {
      step: "code",
      email: parsed.data.email,
      pending: sealPendingSignIn(parsed.data.email, parsed.data.password),
    };
  return { step: "password", email: parsed.data.email, error: outcome.message };
}
