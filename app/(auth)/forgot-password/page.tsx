import type { Metadata } from "next";
import { ForgotPasswordForm } from "@/components/auth/forgot-password-form";

export const metadata: Metadata = { title: "Forgot your password?" };

export default async function ForgotPasswordPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { email } = await searchParams;
  return (
    <>
      <h1 className="mb-1 text-xl font-semibold">Forgot your password?</h1>
      <p className="mb-5 text-sm text-slate-600">
        Enter the email you sign in with, and Standby emails you a link to set a new one.
      </p>
      <ForgotPasswordForm defaultEmail={typeof email === "string" ? email : undefined} />
    </>
  );
}
