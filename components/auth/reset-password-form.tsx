"use client";

import { useActionState } from "react";
import {
  completePasswordResetAction,
  type CompletePasswordResetState,
} from "@/server/actions/password-reset";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { PASSWORD_MIN } from "@/server/contracts/password-length";

/** The reset link's form: a POST bound to a server action; on success, off to sign in. */
export function ResetPasswordForm({ token }: { token: string }) {
  const [state, formAction, sending] = useActionState<CompletePasswordResetState, FormData>(
    completePasswordResetAction,
    {},
  );
  return (
    <form action={formAction} noValidate className="space-y-4">
      <input type="hidden" name="token" value={token} />
      {state.error && <Alert tone="error">{state.error}</Alert>}
      <Field
        label="New password"
        error={state.fieldError}
        hint={`At least ${PASSWORD_MIN} characters. A phrase of several unrelated words is easy to remember and hard to guess.`}
      >
        {(props) => (
          <input {...props} name="password" type="password" autoComplete="new-password" autoFocus />
        )}
      </Field>
      <Button type="submit" className="w-full" disabled={sending}>
        {sending ? "Setting your password…" : "Set the new password"}
      </Button>
    </form>
  );
}
