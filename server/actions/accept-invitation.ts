"use server";

import { TRPCError } from "@trpc/server";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { appUrlFrom } from "@/server/app-url";
import { InvalidError } from "@/server/errors";
import { createCaller } from "@/server/routers/_app";
import { acceptInvitationFormSchema } from "@/server/contracts/members";
import { attemptSignIn } from "@/server/sign-in-attempt";

export type AcceptInvitationState = {
  name: string;
  error?: string;
  fieldErrors?: { name?: string; password?: string };
};

const text = (form: FormData, name: string, max: number) => {
  const value = form.get(name);
  return typeof value === "string" ? value.slice(0, max) : "";
};

/**
 * The invitation form's action: a POST that works before (or without) the page's JavaScript and
 * never puts the password in a URL. Accepts through the same procedure as the API
 * (invitations.accept), then signs the new member in and sends them to their start page.
 */
export async function acceptInvitationAction(
  _previous: AcceptInvitationState,
  form: FormData,
): Promise<AcceptInvitationState> {
  const name = text(form, "name", 200);
  const parsed = acceptInvitationFormSchema.safeParse({
    token: text(form, "token", 200),
    name,
    password: text(form, "password", 200),
  });
  if (!parsed.success) {
    const errors = z.flattenError(parsed.error).fieldErrors;
    if (errors.token)
      return {
        name,
        error: "This invitation link is incomplete. Open the whole link from your invitation.",
      };
    return { name, fieldErrors: { name: errors.name?.[0], password: errors.password?.[0] } };
  }

  let email: string;
  try {
    ({ email } = await createCaller({
      user: null,
      appUrl: appUrlFrom(await headers()),
    }).invitations.accept(parsed.data));
  } catch (error) {
    if (!(error instanceof TRPCError) || error.code === "INTERNAL_SERVER_ERROR") throw error;
    if (
      error.cause instanceof InvalidError &&
      (error.cause.field === "password" || error.cause.field === "name")
    ) {
      return { name, fieldErrors: { [error.cause.field]: error.message } };
    }
    return { name, error: error.message };
  }

  // Signs in and redirects; should that not happen (throttled, say), the sign-in page takes it from here.
  await attemptSignIn({ email, password: parsed.data.password, callbackUrl: "/" });
  redirect(`/sign-in?email=${encodeURIComponent(email)}`);
}
