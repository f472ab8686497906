"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { toast } from "sonner";
import type { z } from "zod";
import { callProblem } from "@/components/trpc/call-problem";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { updateMaintenanceSchema } from "@/server/contracts/maintenance";
import { ReminderChoices } from "./reminder-choices";

type Values = z.input<typeof updateMaintenanceSchema>;

/** Edits a window's words, systems and reminders: staff are not told again (moving it is "Postpone"). */
export function MaintenanceEdit({
  practiceId,
  windowId,
  version,
  title,
  reason,
  systemIds,
  reminderMinutes,
}: {
  practiceId: string;
  windowId: string;
  version: number;
  title: string;
  reason: string;
  systemIds: string[];
  reminderMinutes: number[];
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const update = useMutation(trpc.maintenance.update.mutationOptions());
  const [problem, setProblem] = useState<string | null>(null);
  const form = useForm<Values>({
    resolver: zodResolver(updateMaintenanceSchema),
    defaultValues: { practiceId, windowId, version, title, reason, systemIds, reminderMinutes },
  });
  const { errors } = form.formState;
  const reminders = useWatch({ control: form.control, name: "reminderMinutes" });
  const onSubmit = form.handleSubmit(async (values) => {
    setProblem(null);
    try {
      const saved = await update.mutateAsync(updateMaintenanceSchema.parse(values));
      form.reset({ ...values, version: saved.version });
      await queryClient.invalidateQueries({
        queryKey: trpc.maintenance.get.queryKey({ practiceId, windowId }),
      });
      toast.success("Saved. Staff are not told again for a change of words.");
    } catch (error) {
      const found = callProblem(error);
      const fields = Object.entries(found.fieldErrors).filter(([field]) => field in values);
      for (const [field, messages] of fields)
        form.setError(field as keyof Values, { message: messages?.[0] ?? found.message });
      if (fields.length === 0) setProblem(found.message);
    }
  });
  return (
    <details className="rounded-lg border border-slate-200 bg-white p-4">
      <summary className="cursor-pointer text-sm font-semibold text-slate-900">
        Edit the title, reason and reminders
      </summary>
      <form onSubmit={onSubmit} noValidate className="mt-3 space-y-4">
        <Field label="What is done" error={errors.title?.message}>
          {(props) => <input {...props} {...form.register("title")} />}
        </Field>
        <Field label="Reason (optional)" error={errors.reason?.message}>
          {(props) => <textarea rows={2} {...props} {...form.register("reason")} />}
        </Field>
        <ReminderChoices
          value={reminders}
          onChange={(next) => form.setValue("reminderMinutes", next, { shouldDirty: true })}
        />
        {problem && (
          <p className="text-sm text-red-700" role="alert">
            {problem}
          </p>
        )}
        <Button type="submit" disabled={form.formState.isSubmitting}>
          Save changes
        </Button>
      </form>
    </details>
  );
}
