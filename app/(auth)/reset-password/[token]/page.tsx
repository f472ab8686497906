import type { Metadata } from "next";
import { ResetPasswordForm } from "@/components/auth/reset-password-form";
import { Alert } from "@/components/ui/alert";
import Link from "@/components/ui/link";
import { getQueryClient, trpc } from "@/server/rsc";

export const metadata: Metadata = { title: "Set a new password" };

export default async function ResetPasswordPage({
  params,
}: {
  params: Promise<{ token: string }>;
}) {
  const { token } = await params;
  const reset =
    token.length >= 20 && token.length <= 100
      ? await getQueryClient().fetchQuery(trpc.passwordReset.get.queryOptions({ token }))
      : null;
  if (!reset || reset.problem)
    return (
      <>
        <h1 className="mb-3 text-xl font-semibold">Set a new password</h1>
        <Alert tone="error">
          {reset?.problem ??
            "This link is not a valid reset link. Check that you copied the whole link, or ask for a new one."}
        </Alert>
        <p className="mt-4 text-sm">
          <Link className="text-brand-700 underline" href="/forgot-password">
            Ask for a new link
          </Link>
        </p>
      </>
    );
  return (
    <>
      <h1 className="mb-1 text-xl font-semibold">Set a new password</h1>
      <p className="mb-5 text-sm text-slate-600">
        For <strong>{reset.email}</strong>. Setting it signs the account out everywhere; two-factor
        sign-in, if it is on, stays on.
      </p>
      <ResetPasswordForm token={token} />
    </>
  );
}
