"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Copy, Send } from "lucide-react";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { toast } from "sonner";
import { useTRPC } from "@/components/trpc/client";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { inviteMemberSchema, type InviteMemberInput } from "@/server/contracts/members";
import { AccessFields } from "./access-fields";

export function InviteMemberForm() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [sent, setSent] = useState<{
    email: string;
    url: string;
    emailed: boolean;
    expiresAt: Date;
  } | null>(null);
  const form = useForm<InviteMemberInput>({
    resolver: zodResolver(inviteMemberSchema),
    defaultValues: { email: "", role: "technician", practiceIds: [], allPractices: false },
  });
  const invite = useMutation(trpc.members.invite.mutationOptions());
  const { errors, isSubmitting } = form.formState;

  const onSubmit = form.handleSubmit(async (values) => {
    try {
      const result = await invite.mutateAsync(values);
      setSent({ email: values.email, ...result });
      form.reset({ email: "", role: values.role, practiceIds: [], allPractices: false });
      await queryClient.invalidateQueries({ queryKey: trpc.members.list.queryKey() });
    } catch (error) {
      form.setError("root", {
        message: error instanceof Error ? error.message : "Could not send the invitation.",
      });
    }
  });

  return (
    <section className="rounded-lg border border-slate-200 bg-white p-5">
      <h2 className="mb-3 text-base font-semibold">Invite a member</h2>
      <form onSubmit={onSubmit} noValidate className="grid gap-4 md:grid-cols-2">
        {errors.root?.message && (
          <div className="md:col-span-2">
            <Alert tone="error">{errors.root.message}</Alert>
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
            once, until {sent.expiresAt.toLocaleString()}.
            {!sent.emailed && " Copy it and send it to them yourself."}
          </Alert>
          <div className="flex gap-2">
            <label htmlFor="invitation-link" className="sr-only">
              Invitation link
            </label>
            <input
              id="invitation-link"
              readOnly
              value={sent.url}
              className="min-h-10 flex-1 rounded-md border border-slate-300 bg-slate-50 px-3 text-sm"
              onFocus={(event) => event.target.select()}
            />
            <Button
              variant="secondary"
              onClick={() =>
                navigator.clipboard.writeText(sent.url).then(
                  () => toast.success("Link copied"),
                  () => toast.error("Could not copy; select the link and copy it."),
                )
              }
            >
              <Copy aria-hidden className="size-4" /> Copy
            </Button>
          </div>
        </div>
      )}
    </section>
  );
}
