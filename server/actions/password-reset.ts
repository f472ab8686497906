"use server";

import { TRPCError } from "@trpc/server";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { appUrlFrom } from "@/server/app-url";
import { clientAddressOf } from "@/server/auth";
import {
  completePasswordResetSchema,
  requestPasswordResetSchema,
} from "@/server/contracts/password-reset";
import { InvalidError } from "@/server/errors";
import { createCaller } from "@/server/routers/_app";

const text = (form: FormData, name: string, max: number) => {
  const value = form.get(name);
  return typeof value === "string" ? value.slice(0, max) : "";
};

async function anonymousCaller() {
  const requestHeaders = await headers();
  return createCaller({
    user: null,
    appUrl: appUrlFrom(requestHeaders),
    clientAddress: clientAddressOf(requestHeaders),
  });
}

/** A refusal shown on the form; anything unexpected is rethrown for the error page. */
function refusal(error: unknown): { message: string; field: string | null } {
  if (!(error instanceof TRPCError) || error.code === "INTERNAL_SERVER_ERROR") throw error;
  return {
    message: error.message,
    field: error.cause instanceof InvalidError ? (error.cause.field ?? null) : null,
  };
}

export type RequestPasswordResetState = {
  email: string;
  /** After a request: whether a link can have been sent (mail is set up here). */
  sent?: { mailConfigured: boolean };
  error?: string;
  fieldError?: string;
};

/** "Forgot your password?": a POST that works without the page's JavaScript. */
export async function requestPasswordResetAction(
  _previous: RequestPasswordResetState,
  form: FormData,
): Promise<RequestPasswordResetState> {
  const email = text(form, "email", 300);
  const parsed = requestPasswordResetSchema.safeParse({ email });
  if (!parsed.success)
    return { email, fieldError: z.flattenError(parsed.error).fieldErrors.email?.[0] };
  try {
    const sent = await (await anonymousCaller()).passwordReset.request(parsed.data);
    return { email: parsed.data.email, sent };
  } catch (error) {
    return { email, error: refusal(error).message };
  }
}

export type CompletePasswordResetState = { error?: string; fieldError?: string };

/** The reset link's form: sets the password, then sends the person to sign in with it. */
export async function completePasswordResetAction(
  _previous: CompletePasswordResetState,
  form: FormData,
): Promise<CompletePasswordResetState> {
  const parsed = completePasswordResetSchema.safeParse({
    token: text(form, "token", 200),
    password: text(form, "password", 200),
  });
  if (!parsed.success) {
    const errors = z.flattenError(parsed.error).fieldErrors;
    if (errors.token) return { error: errors.token[0] };
    return { fieldError: errors.password?.[0] };
  }
  let email: string;
  try {
    ({ email } = await (await anonymousCaller()).passwordReset.complete(parsed.data));
  } catch (error) {
    const { message, field } = refusal(error);
    return field === "password" ? { fieldError: message } : { error: message };
  }
  redirect(`/sign-in?reason=password-set&email=${encodeURIComponent(email)}`);
}
