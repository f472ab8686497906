import type { Metadata } from "next";
import { ConfirmEmailChange } from "@/components/account/confirm-email-change";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Confirm your new email", referrer: "no-referrer" };

/** The link mailed to a new address. Opening it shows a button: a mail scanner that fetches links changes nothing. */
export default async function ConfirmEmailPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  return (
    <>
      <PageHeader
        title="Confirm your new email"
        description="Your sign-in email changes to the address this link was sent to."
      />
      <ConfirmEmailChange token={token} />
    </>
  );
}
