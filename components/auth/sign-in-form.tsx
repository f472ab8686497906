"use client";

import { startTransition, useActionState, useEffect, useRef, useState } from "react";
import { signInFormAction, type SignInFormState } from "@/server/actions/sign-in";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";

type FieldErrors = { email?: string; password?: string };

/**
 * The sign-in contract's checks, run in the browser before sending. The contract (and zod with it)
 * is loaded when the person starts typing, not with the page: sign-in stays light on a phone.
 */
const loadContract = () => import("@/server/contracts/auth");

async function checkFields(data: FormData): Promise<FieldErrors> {
  try {
    const { signInSchema } = await loadContract();
    const checked = signInSchema.safeParse({
      email: data.get("email"),
      password: data.get("password"),
    });
    if (checked.success) return {};
    const errors: FieldErrors = {};
    for (const issue of checked.error.issues) {
      const field = issue.path[0] as keyof FieldErrors;
      errors[field] ??= issue.message;
    }
    return errors;
  } catch {
    return {}; // the check could not load (the connection dropped): the server checks the same
  }
}

/**
 * Email and password, then — for an account with two-factor on — the code. Both steps are POST
 * forms bound to a server action, so they work before the page's JavaScript has loaded (and
 * without it); with JavaScript the fields are checked in the browser first. The second step sends
 * the email and password again (sealed by the server) with the code: no session exists until all
 * three pass.
 */
export function SignInForm({
  callbackUrl,
  notice,
  defaultEmail = "",
}: {
  callbackUrl?: string;
  notice?: string;
  defaultEmail?: string;
}) {
  const [state, formAction, sending] = useActionState<SignInFormState, FormData>(signInFormAction, {
    step: "password",
    email: defaultEmail,
  });
  const [errors, setErrors] = useState<FieldErrors>({});
  const emailInput = useRef<HTMLInputElement>(null);
  const passwordInput = useRef<HTMLInputElement>(null);
  const codeInput = useRef<HTMLInputElement>(null);

  // After a refusal: the password is typed again, and the wrong code cleared.
  useEffect(() => {
    if (passwordInput.current && (state.step === "code" || state.error))
      passwordInput.current.value = "";
    if (state.step === "password" && state.error) passwordInput.current?.focus();
    if (state.step === "code" && state.fieldErrors?.code && codeInput.current) {
      codeInput.current.value = "";
      codeInput.current.focus();
    }
  }, [state]);

  // With JavaScript: the browser checks the fields first, then the same action runs.
  const onSubmit = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    void checkFields(data).then((found) => {
      setErrors(found);
      if (found.email) emailInput.current?.focus();
      else if (found.password) passwordInput.current?.focus();
      else startTransition(() => formAction(data));
    });
  };

  const callbackField = callbackUrl ? (
    <input type="hidden" name="callbackUrl" value={callbackUrl} />
  ) : null;

  if (state.step === "code")
    return (
      <form action={formAction} noValidate className="space-y-4">
        {callbackField}
        <input type="hidden" name="pending" value={state.pending ?? ""} />
        <Alert tone="info">
          Two-factor sign-in is on for {state.email}. Enter the code from your authenticator app.
        </Alert>
        <div className="space-y-1">
          <label htmlFor="sign-in-code" className="block text-sm font-medium text-slate-800">
            Authentication code
          </label>
          <input
            ref={codeInput}
            id="sign-in-code"
            name="code"
            inputMode="text"
            autoComplete="one-time-code"
            autoFocus
            aria-invalid={Boolean(state.fieldErrors?.code)}
            aria-describedby="sign-in-code-hint"
            className="block min-h-10 w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-base tracking-widest shadow-sm focus:border-brand-600 aria-[invalid=true]:border-red-600"
          />
          <p id="sign-in-code-hint" className="text-xs text-slate-500">
            The 6-digit code, or a recovery code such as abcd-efgh-jkmn-pqrs (each works once).
          </p>
          {state.fieldErrors?.code && (
            <p className="text-sm text-red-700" role="alert">
              {state.fieldErrors.code}
            </p>
          )}
        </div>
        <Button type="submit" className="w-full" disabled={sending}>
          {sending ? "Checking…" : "Verify and sign in"}
        </Button>
        <button
          type="submit"
          name="intent"
          value="restart"
          className="w-full text-center text-sm text-slate-600 underline underline-offset-2 focus-visible:outline-2"
        >
          Use another account
        </button>
      </form>
    );

  return (
    <form action={formAction} onSubmit={onSubmit} noValidate className="space-y-4">
      {callbackField}
      {notice && !state.error && <Alert tone="info">{notice}</Alert>}
      {state.error && <Alert tone="error">{state.error}</Alert>}
      <Field label="Email" error={errors.email ?? state.fieldErrors?.email}>
        {(props) => (
          <input
            {...props}
            ref={emailInput}
            name="email"
            onFocus={() => void loadContract().catch(() => {})}
            defaultValue={state.email}
            type="email"
            autoComplete="username"
            autoFocus={!state.email}
          />
        )}
      </Field>
      <Field label="Password" error={errors.password ?? state.fieldErrors?.password}>
        {(props) => (
          <input
            {...props}
            ref={passwordInput}
            name="password"
            onFocus={() => void loadContract().catch(() => {})}
            type="password"
            autoComplete="current-password"
            autoFocus={Boolean(state.email)}
          />
        )}
      </Field>
      <Button type="submit" className="w-full" disabled={sending}>
        {sending ? "Signing in…" : "Sign in"}
      </Button>
    </form>
  );
}
