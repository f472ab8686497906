"use client";

import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import { LifeBuoy, Save } from "lucide-react";
import { useMemo } from "react";
import { toast } from "sonner";
import { callProblem } from "@/components/trpc/call-problem";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { SaveProblem } from "@/components/ui/save-problem";
import { useVersionedForm } from "@/components/ui/use-versioned-form";
import { supportLineFieldsSchema, type SupportLineFields } from "@/server/contracts/support-line";

/**
 * The MSP's help desk line (admins): shown to every member in the header's help menu, on each
 * practice's Who to call card, in the downtime packet and where a page has nothing else to offer.
 */
export function SupportLineSettings() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { data } = useSuspenseQuery(trpc.mspSettings.supportLine.queryOptions());
  const save = useMutation(trpc.mspSettings.saveSupportLine.mutationOptions());
  const latest = useMemo(
    () => ({
      values: { phone: data.phone, email: data.email, hours: data.hours },
      version: data.version,
    }),
    [data],
  );
  const { form, submit, problem, conflict, loadLatest } = useVersionedForm<SupportLineFields>({
    schema: supportLineFieldsSchema,
    defaultValues: latest.values,
    version: latest.version,
    latest,
    onSave: async (values, version) => {
      try {
        const saved = await save.mutateAsync({ ...values, version });
        await queryClient.invalidateQueries({ queryKey: trpc.mspSettings.supportLine.queryKey() });
        toast.success("Support line saved. Everyone sees it in the help menu.");
        return { saved: true, version: saved.version };
      } catch (error) {
        const problem = callProblem(error);
        // Someone else saved first: fetch theirs, so "Load the latest" has it to show.
        if (problem.code === "CONFLICT")
          await queryClient.invalidateQueries({
            queryKey: trpc.mspSettings.supportLine.queryKey(),
          });
        return { saved: false, problem };
      }
    },
  });
  const { errors, isSubmitting } = form.formState;
  return (
    <section
      id="support-line"
      className="scroll-mt-4 space-y-3 rounded-lg border border-slate-200 bg-white p-5"
      aria-labelledby="support-line-heading"
    >
      <h2 id="support-line-heading" className="flex items-center gap-2 text-base font-semibold">
        <LifeBuoy aria-hidden className="size-5 text-slate-600" />
        Support line
      </h2>
      <p className="text-sm text-slate-600">
        Your help desk, for everyone at your client practices: shown in the help menu at the top of
        every page, on each practice&apos;s Who to call card and in the downtime packet. Leave a
        field empty to leave it out.
      </p>
      <form onSubmit={submit} noValidate className="space-y-4">
        <div className="grid gap-4 sm:grid-cols-3">
          <Field label="Help desk phone" hint="e.g. (555) 010-7000" error={errors.phone?.message}>
            {(props) => (
              <input {...props} type="tel" autoComplete="off" {...form.register("phone")} />
            )}
          </Field>
          <Field label="Help desk e-mail" error={errors.email?.message}>
            {(props) => (
              <input {...props} type="email" autoComplete="off" {...form.register("email")} />
            )}
          </Field>
          <Field
            label="Help desk hours"
            hint="e.g. 24/7 for outages; Mon–Fri 7–19 otherwise"
            error={errors.hours?.message}
          >
            {(props) => <input {...props} maxLength={200} {...form.register("hours")} />}
          </Field>
        </div>
        {problem && (
          <SaveProblem message={problem.message} conflict={conflict} onLoadLatest={loadLatest} />
        )}
        <div className="flex justify-end">
          <Button type="submit" disabled={isSubmitting}>
            <Save aria-hidden className="size-4" />
            {isSubmitting ? "Saving…" : "Save support line"}
          </Button>
        </div>
      </form>
    </section>
  );
}
