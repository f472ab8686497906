"use client";

import { useActionState } from "react";
import {
  requestPasswordResetAction,
  type RequestPasswordResetState,
} from "@/server/actions/password-reset";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import Link from "@/components/ui/link";
import { SELF_RESET_TTL_MINUTES } from "@/server/contracts/password-reset";

/** Asks for a reset link by email: a POST form bound to a server action (works without JavaScript). */
export function ForgotPasswordForm({ defaultEmail }: { defaultEmail?: string }) {
  const [state, formAction, sending] = useActionState<RequestPasswordResetState, FormData>(
    requestPasswordResetAction,
    { email: defaultEmail ?? "" },
  );
  if (state.sent)
    return state.sent.mailConfigured ? (
      <div className="space-y-4">
        <Alert tone="success">
          If <strong>{state.email}</strong> has a Standby account, an email with a link to set a new
          password is on its way. The link works once, for {SELF_RESET_TTL_MINUTES} minutes.
        </Alert>
        <p className="text-sm text-slate-700">
          No email after a few minutes? Check the spam folder, or ask your MSP&apos;s admin to make
          you a reset link from Members.
        </p>
        <BackToSignIn />
      </div>
    ) : (
      <NoMailHere />
    );
  return (
    <form action={formAction} noValidate className="space-y-4">
      {state.error && <Alert tone="error">{state.error}</Alert>}
      <Field label="Email" error={state.fieldError}>
        {(props) => (
          <input
            {...props}
            name="email"
            type="email"
            defaultValue={state.email}
            autoComplete="username"
            autoFocus
          />
        )}
      </Field>
      <Button type="submit" className="w-full" disabled={sending}>
        {sending ? "Sending…" : "Email me a reset link"}
      </Button>
      <BackToSignIn />
    </form>
  );
}

function NoMailHere() {
  return (
    <div className="space-y-4">
      <Alert tone="info">
        This Standby cannot send email, so it cannot send you a link. Ask your MSP&apos;s admin:
        under Members, <strong>Reset password</strong> makes a link for you that they can pass on.
      </Alert>
      <BackToSignIn />
    </div>
  );
}

function BackToSignIn() {
  return (
    <p className="text-center text-sm">
      <Link className="text-brand-700 underline" href="/sign-in">
        Back to sign-in
      </Link>
    </p>
  );
}
