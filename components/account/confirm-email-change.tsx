"use client";

import { useMutation } from "@tanstack/react-query";
import { MailCheck } from "lucide-react";
import { useTRPC } from "@/components/trpc/client";
import { Alert } from "@/components/ui/alert";
import { Button, ButtonLink } from "@/components/ui/button";

export function ConfirmEmailChange({ token }: { token: string }) {
  const trpc = useTRPC();
  const confirm = useMutation(trpc.account.confirmEmail.mutationOptions());
  return (
    <section className="max-w-xl space-y-4 rounded-lg border border-slate-200 bg-white p-5">
      {confirm.isSuccess ? (
        <>
          <Alert tone="success">Done: you now sign in as {confirm.data.email}.</Alert>
          <ButtonLink href="/account/security" variant="secondary">
            Back to account security
          </ButtonLink>
        </>
      ) : (
        <>
          {confirm.isError && <Alert tone="error">{confirm.error.message}</Alert>}
          <p className="text-sm text-slate-700">
            Confirm that you want to sign in to Standby with the address this link was sent to from
            now on.
          </p>
          <Button onClick={() => confirm.mutate({ token })} disabled={confirm.isPending}>
            <MailCheck aria-hidden className="size-4" />{" "}
            {confirm.isPending ? "Confirming…" : "Confirm new email"}
          </Button>
        </>
      )}
    </section>
  );
}
