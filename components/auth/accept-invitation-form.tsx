"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { startTransition, useActionState, useEffect } from "react";
import { useForm } from "react-hook-form";
import {
  acceptInvitationAction,
  type AcceptInvitationState,
} from "@/server/actions/accept-invitation";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { PASSWORD_MIN } from "@/server/contracts/password-length";
import { acceptInvitationFormSchema, type AcceptInvitationInput } from "@/server/contracts/members";

/**
 * A POST form bound to a server action: it works before (or without) the page's JavaScript; with
 * JavaScript the fields are checked in the browser first. On success the server signs the new
 * member in and redirects.
 */
export function AcceptInvitationForm({ token }: { token: string }) {
  const [state, formAction, sending] = useActionState<AcceptInvitationState, FormData>(
    acceptInvitationAction,
    { name: "" },
  );
  // From the state, not "": a form sent before the JavaScript loaded comes back with the name typed.
  const form = useForm<AcceptInvitationInput>({
    resolver: zodResolver(acceptInvitationFormSchema),
    defaultValues: { token, name: state.name, password: "" },
  });
  const { errors } = form.formState;

  // The server's verdict on a field (a guessable password) is shown like the browser's own checks.
  useEffect(() => {
    if (state.fieldErrors?.password)
      form.setError("password", { message: state.fieldErrors.password });
    if (state.fieldErrors?.name) form.setError("name", { message: state.fieldErrors.name });
  }, [state, form]);

  // With JavaScript: the browser checks the fields first, then the same action runs.
  const onSubmit = (event: React.FormEvent<HTMLFormElement>) => {
    const element = event.currentTarget;
    void form.handleSubmit(() => startTransition(() => formAction(new FormData(element))))(event);
  };

  return (
    <form action={formAction} onSubmit={onSubmit} noValidate className="space-y-4">
      <input type="hidden" name="token" value={token} />
      {state.error && <Alert tone="error">{state.error}</Alert>}
      <Field label="Your name" error={errors.name?.message ?? state.fieldErrors?.name}>
        {(props) => (
          <input
            {...props}
            {...form.register("name")}
            defaultValue={state.name}
            autoComplete="name"
            autoFocus
          />
        )}
      </Field>
      <Field
        label="Password"
        error={errors.password?.message ?? state.fieldErrors?.password}
        hint={`At least ${PASSWORD_MIN} characters. A phrase of several unrelated words is easy to remember and hard to guess.`}
      >
        {(props) => (
          <input
            {...props}
            {...form.register("password")}
            type="password"
            autoComplete="new-password"
          />
        )}
      </Field>
      <Button type="submit" className="w-full" disabled={sending}>
        {sending ? "Setting up your account…" : "Join and sign in"}
      </Button>
    </form>
  );
}
