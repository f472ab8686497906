"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Save } from "lucide-react";
import { useMemo } from "react";
import { toast } from "sonner";
import { callProblem } from "@/components/trpc/call-problem";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { Checkbox, Field } from "@/components/ui/field";
import { SaveProblem } from "@/components/ui/save-problem";
import { serviceSchemaResolver } from "@/components/ui/schema-resolver";
import { useVersionedForm } from "@/components/ui/use-versioned-form";
import {
  outreachSettingsFieldsSchema,
  type OutreachSettingsFields,
} from "@/server/contracts/outreach";

type FormValues = {
  quietStart: string;
  quietEnd: string;
  messagesPerMinute: string;
  autoContinue: boolean;
  /** "24, 2" */
  reminderHours: string;
};

const valuesOf = (settings: OutreachSettingsFields): FormValues => ({
  quietStart: settings.quietStart,
  quietEnd: settings.quietEnd,
  messagesPerMinute: String(settings.messagesPerMinute),
  autoContinue: settings.autoContinue,
  reminderHours: settings.reminderHours.join(", "),
});

const toInput = (values: FormValues): OutreachSettingsFields => ({
  quietStart: values.quietStart,
  quietEnd: values.quietEnd,
  messagesPerMinute:
    values.messagesPerMinute.trim() === "" ? Number.NaN : Number(values.messagesPerMinute),
  autoContinue: values.autoContinue,
  reminderHours: values.reminderHours
    .split(/[\s,;]+/)
    .filter(Boolean)
    .map((part) => (/^\d+$/.test(part) ? Number(part) : Number.NaN)),
});

/** Quiet hours, pace and automatic reminders during an EHR outage: no patient data. */
export function OutreachSettingsForm({
  practiceId,
  settings,
  canSave,
}: {
  practiceId: string;
  settings: OutreachSettingsFields & { version: number };
  canSave: boolean;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const save = useMutation(trpc.outreach.saveSettings.mutationOptions());
  const latest = useMemo(
    () => ({ values: valuesOf(settings), version: settings.version }),
    [settings],
  );
  const { form, submit, problem, conflict, loadLatest } = useVersionedForm<FormValues>({
    resolver: serviceSchemaResolver<FormValues>(outreachSettingsFieldsSchema, toInput),
    defaultValues: latest.values,
    version: settings.version,
    latest,
    warnBeforeLeaving: false,
    onSave: async (values, version) => {
      try {
        const saved = await save.mutateAsync({ practiceId, version, ...toInput(values) });
        toast.success("Settings saved.");
        await queryClient.invalidateQueries({ queryKey: trpc.outreach.campaigns.pathKey() });
        return { saved: true, version: saved.version };
      } catch (error) {
        return { saved: false, problem: callProblem(error) };
      }
    },
  });
  const { errors, isSubmitting } = form.formState;
  return (
    <form
      onSubmit={submit}
      noValidate
      className="space-y-4 rounded-lg border border-slate-200 bg-white p-4"
    >
      <fieldset disabled={!canSave} className="space-y-4">
        <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
          <Field
            label="Quiet hours from"
            hint="On the practice's clock. The same start and end: no quiet hours."
            error={errors.quietStart?.message}
          >
            {(props) => <input {...props} type="time" {...form.register("quietStart")} />}
          </Field>
          <Field label="Quiet hours until" error={errors.quietEnd?.message}>
            {(props) => <input {...props} type="time" {...form.register("quietEnd")} />}
          </Field>
          <Field
            label="Messages per minute"
            hint="The provider account's rate; 0 for no limit."
            error={errors.messagesPerMinute?.message}
          >
            {(props) => (
              <input {...props} inputMode="numeric" {...form.register("messagesPerMinute")} />
            )}
          </Field>
          <Field
            label="Reminders, hours before"
            hint="e.g. 24, 2"
            error={errors.reminderHours?.message}
          >
            {(props) => <input {...props} {...form.register("reminderHours")} />}
          </Field>
        </div>
        <Checkbox
          label="Keep sending the usual reminders during an EHR outage"
          hint="While an outage of the practice's EHR is open, Standby sends the reminders above from the schedule copy by itself, and stops when the outage is resolved. Off by default."
          {...form.register("autoContinue")}
        />
      </fieldset>
      {problem && (
        <SaveProblem message={problem.message} conflict={conflict} onLoadLatest={loadLatest} />
      )}
      {canSave ? (
        <div className="flex justify-end">
          <Button type="submit" disabled={isSubmitting}>
            <Save aria-hidden className="size-4" />
            {isSubmitting ? "Saving…" : "Save settings"}
          </Button>
        </div>
      ) : (
        <p className="text-sm text-slate-600">
          The practice&apos;s managers, the MSP&apos;s technicians and admins change these.
        </p>
      )}
    </form>
  );
}
