"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { signInAction } from "@/app/(auth)/sign-in/actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { signInSchema, type SignInInput } from "@/server/services/auth-schemas";

export function SignInForm({ callbackUrl, notice, defaultEmail = "" }: { callbackUrl?: string; notice?: string; defaultEmail?: string }) {
  const [error, setError] = useState("");
  const form = useForm<SignInInput>({ resolver: zodResolver(signInSchema), defaultValues: { email: defaultEmail, password: "" } });
  const { errors, isSubmitting } = form.formState;

  const onSubmit = form.handleSubmit(async (values) => {
    setError("");
    const result = await signInAction({ ...values, callbackUrl });
    if (result.error) {
      setError(result.error);
      form.setValue("password", "");
      form.setFocus("password");
    }
  });

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
