import type { Metadata } from "next";
import Link from "@/components/ui/link";
import { AcceptInvitationForm } from "@/components/auth/accept-invitation-form";
import { Alert } from "@/components/ui/alert";
import { roleLabels } from "@/server/permissions";
import { getQueryClient, trpc } from "@/server/rsc";

export const metadata: Metadata = { title: "Accept invitation" };

const problems = {
  used: "This invitation has already been used. Sign in with the password you chose.",
  expired: "This invitation has expired. Ask your MSP admin to send a new one.",
  revoked: "This invitation was withdrawn. Ask your MSP admin if you still need access.",
} as const;

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const invitation =
    token.length >= 20 && token.length <= 100
      ? await getQueryClient().fetchQuery(trpc.invitations.get.queryOptions({ token }))
      : null;

  if (!invitation) {
    return (
      <>
        <h1 className="mb-3 text-xl font-semibold">Invitation not found</h1>
        <Alert tone="error">
          This link is not a valid invitation. Check that you copied the whole link, or ask your MSP
          admin for a new one.
        </Alert>
      </>
    );
  }
  if (invitation.status !== "valid") {
    return (
      <>
        <h1 className="mb-3 text-xl font-semibold">Invitation to {invitation.mspName}</h1>
        <Alert tone="error">{problems[invitation.status]}</Alert>
        <p className="mt-4 text-sm">
          <Link className="text-brand-700 underline" href="/sign-in">
            Go to sign-in
          </Link>
        </p>
      </>
    );
  }
  return (
    <>
      <h1 className="mb-1 text-xl font-semibold">Join {invitation.mspName} on Standby</h1>
      <p className="mb-5 text-sm text-slate-600">
        You are invited as <strong>{roleLabels[invitation.role]}</strong> with{" "}
        <strong>{invitation.email}</strong>. Choose your name and a password to finish.
      </p>
      <AcceptInvitationForm token={token} />
    </>
  );
}
