"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { signInAction } from "@/server/actions/sign-in";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { signInSchema, type SignInInput } from "@/server/services/auth-schemas";

/**
 * Email and password, then — for an account with two-factor on — the code. The second step sends
 * the email and password again with the code: the server creates no session until all three pass.
 */
export function SignInForm({ callbackUrl, notice, defaultEmail = "" }: { callbackUrl?: string; notice?: string; defaultEmail?: string }) {
  const [error, setError] = useState("");
  const [secondFactor, setSecondFactor] = useState(false);
  const [code, setCode] = useState("");
  const [codeError, setCodeError] = useState("");
  const [sending, setSending] = useState(false);
  const form = useForm<SignInInput>({ resolver: zodResolver(signInSchema), defaultValues: { email: defaultEmail, password: "" } });
  const { errors, isSubmitting } = form.formState;

  const onSubmit = form.handleSubmit(async (values) => {
    setError("");
    const result = await signInAction({ ...values, callbackUrl });
    if (result.secondFactor) {
      setSecondFactor(true);
      return;
    }
    if (result.error) {
      setError(result.error);
      form.setValue("password", "");
      form.setFocus("password");
    }
  });

  const onSubmitCode = async (event: React.FormEvent) => {
    event.preventDefault();
    setError("");
    setCodeError("");
    if (!code.trim()) {
      setCodeError("Enter the 6-digit code from your authenticator app, or a recovery code.");
      return;
    }
    setSending(true);
    try {
      const result = await signInAction({ ...form.getValues(), code, callbackUrl });
      if (result.error && result.secondFactor) {
        setCodeError(result.error);
        setCode("");
        document.getElementById("sign-in-code")?.focus();
      } else if (result.error) {
        // Throttled, or the password no longer matches: start again from the password.
        setSecondFactor(false);
        setCode("");
        setError(result.error);
        form.setValue("password", "");
      }
    } finally {
      setSending(false);
    }
  };

  if (secondFactor)
    return (
      <form onSubmit={onSubmitCode} noValidate className="space-y-4">
        <Alert tone="info">Two-factor sign-in is on for {form.getValues("email")}. Enter the code from your authenticator app.</Alert>
        <div className="space-y-1">
          <label htmlFor="sign-in-code" className="block text-sm font-medium text-slate-800">
            Authentication code
          </label>
          <input
            id="sign-in-code"
            name="code"
            value={code}
            onChange={(event) => setCode(event.target.value)}
            inputMode="text"
            autoComplete="one-time-code"
            autoFocus
            aria-invalid={Boolean(codeError)}
            aria-describedby="sign-in-code-hint"
            className="block min-h-10 w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-base tracking-widest shadow-sm focus:border-brand-600 aria-[invalid=true]:border-red-600"
          />
          <p id="sign-in-code-hint" className="text-xs text-slate-500">
            The 6-digit code, or a recovery code such as abcd-efgh-jkmn-pqrs (each works once).
          </p>
          {codeError && (
            <p className="text-sm text-red-700" role="alert">
              {codeError}
            </p>
          )}
        </div>
        <Button type="submit" className="w-full" disabled={sending}>
          {sending ? "Checking…" : "Verify and sign in"}
        </Button>
        <button
          type="button"
          className="w-full text-center text-sm text-slate-600 underline underline-offset-2 focus-visible:outline-2"
          onClick={() => {
            setSecondFactor(false);
            setCode("");
            setCodeError("");
            form.setValue("password", "");
          }}
        >
          Use another account
        </button>
      </form>
    );

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      {notice && !error && <Alert tone="info">{notice}</Alert>}
      {error && <Alert tone="error">{error}</Alert>}
      <Field label="Email" error={errors.email?.message}>
        {(props) => <input {...props} {...form.register("email")} type="email" autoComplete="username" autoFocus={!defaultEmail} />}
      </Field>
      <Field label="Password" error={errors.password?.message}>
        {(props) => <input {...props} {...form.register("password")} type="password" autoComplete="current-password" />}
      </Field>
      <Button type="submit" className="w-full" disabled={isSubmitting}>
        {isSubmitting ? "Signing in…" : "Sign in"}
      </Button>
    </form>
  );
}
