"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Send } from "lucide-react";
import { useState } from "react";
import { useTRPC } from "@/components/trpc/client";
import { formatMoment } from "@/components/ui/format";
import { useViewerTimeZone } from "@/components/ui/viewer-time";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { CopyableLink } from "@/components/ui/copyable-link";
import { Field } from "@/components/ui/field";
import { inviteMemberSchema, type InviteMemberInput } from "@/server/contracts/members";
import { useVersionedForm } from "@/components/ui/use-versioned-form";
import { AccessFields } from "./access-fields";

export function InviteMemberForm() {
  const trpc = useTRPC();
  const viewerZone = useViewerTimeZone();
  const queryClient = useQueryClient();
  const [sent, setSent] = useState<{
    email: string;
    url: string;
    emailed: boolean;
    expiresAt: Date;
  } | null>(null);
  const invite = useMutation(trpc.members.invite.mutationOptions());
  const {
    form,
    submit: onSubmit,
    problem,
  } = useVersionedForm<InviteMemberInput>({
    schema: inviteMemberSchema,
    defaultValues: { email: "", role: "technician", practiceIds: [], allPractices: false },
    warnBeforeLeaving: false,
    onSave: async (values) => {
      try {
        const result = await invite.mutateAsync(values);
        setSent({ email: values.email, ...result });
        await queryClient.invalidateQueries({ queryKey: trpc.members.list.queryKey() });
        return {
          saved: true,
          resetTo: { email: "", role: values.role, practiceIds: [], allPractices: false },
        };
      } catch (error) {
        const message = error instanceof Error ? error.message : "Could not send the invitation.";
        return { saved: false, problem: { message, fieldErrors: {} } };
      }
    },
  });
  const { errors, isSubmitting } = form.formState;

  return (
    <section className="rounded-lg border border-slate-200 bg-white p-5">
      <h2 className="mb-3 text-base font-semibold">Invite a member</h2>
      <form onSubmit={onSubmit} noValidate className="grid gap-4 md:grid-cols-2">
        {problem && (
          <div className="md:col-span-2">
            <Alert tone="error">{problem.message}</Alert>
          </div>
        )}
        <Field label="Email" error={errors.email?.message}>
          {(props) => (
            <input {...props} {...form.register("email")} type="email" autoComplete="off" />
          )}
        </Field>
        <AccessFields control={form.control} register={form.register} errors={errors} />
        <div className="md:col-span-2">
          <Button type="submit" disabled={isSubmitting}>
            <Send aria-hidden className="size-4" />
            {isSubmitting ? "Creating invitation…" : "Create invitation"}
          </Button>
        </div>
      </form>
      {sent && (
        <div className="mt-4 space-y-2">
          <Alert tone="success">
            Invitation for {sent.email} created{sent.emailed ? " and emailed" : ""}. The link works
            once, until {formatMoment(sent.expiresAt, viewerZone)}.
            {!sent.emailed && " Copy it and send it to them yourself."}
          </Alert>
          <CopyableLink url={sent.url} label="Invitation link" />
        </div>
      )}
    </section>
  );
}
