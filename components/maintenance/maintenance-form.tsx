"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { toast } from "sonner";
import type { z } from "zod";
import { callProblem } from "@/components/trpc/call-problem";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { createMaintenanceSchema } from "@/server/contracts/maintenance";
import { ReminderChoices } from "./reminder-choices";

type Values = z.input<typeof createMaintenanceSchema>;

/** Plans a window at one practice: its local times (the practice's zone shown), what goes down, reminders, recurrence. */
export function MaintenanceForm({
  practiceId,
  timeZone,
  systems,
  defaults,
}: {
  practiceId: string;
  timeZone: string;
  systems: { id: string; name: string }[];
  defaults: { startsLocal: string; endsLocal: string };
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const create = useMutation(trpc.maintenance.create.mutationOptions());
  const [problem, setProblem] = useState<string | null>(null);
  const form = useForm<Values>({
    resolver: zodResolver(createMaintenanceSchema),
    defaultValues: {
      practiceId,
      title: "",
      reason: "",
      startsLocal: defaults.startsLocal,
      endsLocal: defaults.endsLocal,
      systemIds: [],
      reminderMinutes: [72 * 60, 24 * 60, 60],
      recurrence: null,
    },
  });
  const { errors } = form.formState;
  const [recurrence, reminders, chosen] = useWatch({
    control: form.control,
    name: ["recurrence", "reminderMinutes", "systemIds"],
  });

  const onSubmit = form.handleSubmit(async (values) => {
    setProblem(null);
    try {
      const { ids } = await create.mutateAsync(createMaintenanceSchema.parse(values));
      await queryClient.invalidateQueries({ queryKey: trpc.maintenance.list.queryKey() });
      toast.success(
        ids.length > 1
          ? `${ids.length} windows planned; staff told.`
          : "Window planned; staff told.",
      );
      router.push(`/practices/${practiceId}/maintenance/${ids[0]}`);
    } catch (error) {
      const found = callProblem(error);
      const fields = Object.entries(found.fieldErrors).filter(([field]) => field in values);
      for (const [field, messages] of fields)
        form.setError(field as keyof Values, { message: messages?.[0] ?? found.message });
      if (fields.length === 0) setProblem(found.message);
    }
  });

  return (
    <form
      onSubmit={onSubmit}
      className="space-y-4 rounded-lg border border-slate-200 bg-white p-4"
      noValidate
    >
      <h2 className="text-base font-semibold text-slate-900">Plan a maintenance window</h2>
      <Field label="What is done" error={errors.title?.message} hint="e.g. EHR upgrade to 24.2">
        {(props) => <input {...props} {...form.register("title")} />}
      </Field>
      <Field label="Reason (optional)" error={errors.reason?.message}>
        {(props) => <textarea {...props} rows={2} {...form.register("reason")} />}
      </Field>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Starts" error={errors.startsLocal?.message} hint={`Local time, ${timeZone}`}>
          {(props) => <input type="datetime-local" {...props} {...form.register("startsLocal")} />}
        </Field>
        <Field label="Ends" error={errors.endsLocal?.message} hint={`Local time, ${timeZone}`}>
          {(props) => <input type="datetime-local" {...props} {...form.register("endsLocal")} />}
        </Field>
      </div>
      <fieldset className="space-y-1">
        <legend className="text-sm font-medium text-slate-800">Systems taken down</legend>
        {systems.length === 0 ? (
          <p className="text-sm text-slate-600">
            This practice has no dependency map yet: the title says what is down.
          </p>
        ) : (
          <div className="grid gap-1 sm:grid-cols-2">
            {systems.map((system) => (
              <label key={system.id} className="flex min-h-10 items-center gap-2 text-sm">
                <input
                  type="checkbox"
                  className="size-4"
                  checked={chosen.includes(system.id)}
                  onChange={(event) =>
                    form.setValue(
                      "systemIds",
                      event.target.checked
                        ? [...chosen, system.id]
                        : chosen.filter((id) => id !== system.id),
                    )
                  }
                />
                {system.name}
              </label>
            ))}
          </div>
        )}
        {errors.systemIds?.message && (
          <p className="text-sm text-red-700" role="alert">
            {errors.systemIds.message}
          </p>
        )}
      </fieldset>
      <ReminderChoices
        value={reminders}
        onChange={(next) => form.setValue("reminderMinutes", next)}
      />
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Repeats" error={errors.recurrence?.message}>
          {(props) => (
            <select
              {...props}
              value={recurrence?.every ?? ""}
              onChange={(event) =>
                form.setValue(
                  "recurrence",
                  event.target.value
                    ? {
                        every: event.target.value as "week" | "month",
                        count: recurrence?.count ?? 4,
                      }
                    : null,
                )
              }
            >
              <option value="">Does not repeat</option>
              <option value="week">Every week, same local time</option>
              <option value="month">Every month, same day and local time</option>
            </select>
          )}
        </Field>
        {recurrence && (
          <Field label="Occurrences in all" error={errors.recurrence?.count?.message}>
            {(props) => (
              <input
                type="number"
                min={2}
                max={12}
                {...props}
                {...form.register("recurrence.count", { valueAsNumber: true })}
              />
            )}
          </Field>
        )}
      </div>
      {problem && (
        <p className="text-sm text-red-700" role="alert">
          {problem}
        </p>
      )}
      <Button type="submit" disabled={form.formState.isSubmitting}>
        Plan the window
      </Button>
    </form>
  );
}
