import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import Link from "@/components/ui/link";
import { ForgetOnSignIn } from "@/components/offline/forget-on-sign-in";
import { safeRedirectPath } from "@/server/domain/safe-redirect";
import { getCurrentUser } from "@/server/session";

export const metadata: Metadata = { title: "Sign in" };

const notices: Record<string, string> = {
  expired: "Your session ended. Sign in again to continue.",
  "signed-out": "You are signed out.",
  "password-set":
    "Your new password is set, and every session of your account has ended. Sign in with it.",
};

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const callbackUrl = typeof params.callbackUrl === "string" ? params.callbackUrl : undefined;
  if (await getCurrentUser()) redirect(safeRedirectPath(callbackUrl));
  const reason = typeof params.reason === "string" ? notices[params.reason] : undefined;
  const email = typeof params.email === "string" ? params.email : undefined;
  return (
    <>
      <h1 className="mb-1 text-xl font-semibold">Sign in</h1>
      <p className="mb-5 text-sm text-slate-600">Use the email your MSP invited you with.</p>
      <SignInForm callbackUrl={callbackUrl} notice={reason} defaultEmail={email} />
      <p className="mt-4 text-center text-sm">
        <Link className="text-brand-700 underline" href="/forgot-password">
          Forgot your password?
        </Link>
      </p>
      <ForgetOnSignIn />
    </>
  );
}
