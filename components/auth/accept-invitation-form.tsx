"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { signInAction } from "@/server/actions/sign-in";
import { useTRPC } from "@/components/trpc/client";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { PASSWORD_MIN } from "@/server/domain/password-length";
import { acceptInvitationFormSchema, type AcceptInvitationInput } from "@/server/services/member-schemas";

export function AcceptInvitationForm({ token, email }: { token: string; email: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [error, setError] = useState("");
  const form = useForm<AcceptInvitationInput>({ resolver: zodResolver(acceptInvitationFormSchema), defaultValues: { token, name: "", password: "" } });
  const accept = useMutation(trpc.invitations.accept.mutationOptions());
  const { errors, isSubmitting } = form.formState;

  const onSubmit = form.handleSubmit(async (values) => {
    setError("");
    try {
      await accept.mutateAsync(values);
    } catch (cause) {
      const fieldErrors = (cause as { data?: { fieldErrors?: Record<string, string[]> } }).data?.fieldErrors;
      if (fieldErrors?.password?.[0]) form.setError("password", { message: fieldErrors.password[0] });
      else setError(cause instanceof Error ? cause.message : "Could not accept the invitation. Try again.");
      return;
    }
    const signedIn = await signInAction({ email, password: values.password, callbackUrl: "/" });
    if (signedIn.error) router.push(`/sign-in?email=${encodeURIComponent(email)}`);
  });

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      {error && <Alert tone="error">{error}</Alert>}
      <Field label="Your name" error={errors.name?.message}>
        {(props) => <input {...props} {...form.register("name")} autoComplete="name" autoFocus />}
      </Field>
      <Field
        label="Password"
        error={errors.password?.message}
        hint={`At least ${PASSWORD_MIN} characters. A phrase of several unrelated words is easy to remember and hard to guess.`}
      >
        {(props) => <input {...props} {...form.register("password")} type="password" autoComplete="new-password" />}
      </Field>
      <Button type="submit" className="w-full" disabled={isSubmitting}>
        {isSubmitting ? "Setting up your account…" : "Join and sign in"}
      </Button>
    </form>
  );
}
