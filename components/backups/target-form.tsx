"use client";

import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { useVersionedForm } from "@/components/ui/use-versioned-form";
import type { SaveOutcome } from "@/components/ui/save-outcome";
import { backupTargetFieldsSchema, type BackupTargetFields } from "@/server/contracts/backups";
import { formatMinutes } from "./format";

export type TargetSaveOutcome = SaveOutcome<BackupTargetFields>;

export const defaultTarget: BackupTargetFields = {
  cadenceDays: 90,
  rtoMinutes: 240,
  rpoMinutes: 1440,
};
const cadencePresets = [30, 90] as const;

/** How often a system's restore is tested and what a good restore is; the container decides what saving means. */
export function TargetForm({
  defaultValues,
  resetTo,
  submitLabel,
  onSubmit,
  onDirtyChange,
}: {
  defaultValues: BackupTargetFields;
  resetTo?: BackupTargetFields;
  submitLabel: string;
  onSubmit: (values: BackupTargetFields) => Promise<TargetSaveOutcome>;
  onDirtyChange?: (dirty: boolean) => void;
}) {
  const { form, submit } = useVersionedForm<BackupTargetFields>({
    schema: backupTargetFieldsSchema,
    defaultValues,
    resetTo,
    onSave: onSubmit,
    onDirtyChange,
  });
  const { errors, isSubmitting } = form.formState;
  const [cadence, rto, rpo] = form.watch(["cadenceDays", "rtoMinutes", "rpoMinutes"]);
  const inWords = (minutes: number) =>
    Number.isFinite(minutes) && minutes >= 60
      ? ` (${minutes.toLocaleString("en-US")} min = ${formatMinutes(minutes)})`
      : "";

  return (
    <form onSubmit={submit} noValidate className="space-y-4">
      <div className="space-y-2">
        <Field
          label="Test every (days)"
          hint="How often a restore of this system is tried. Quarterly (90 days) is usual; monthly for the EHR database."
          error={errors.cadenceDays?.message}
        >
          {(props) => (
            <input
              {...props}
              {...form.register("cadenceDays", { valueAsNumber: true })}
              type="number"
              inputMode="numeric"
              min={1}
              max={366}
              className={`${props.className} sm:max-w-40`}
            />
          )}
        </Field>
        <div role="group" aria-label="Cadence presets" className="flex flex-wrap gap-2">
          {cadencePresets.map((days) => (
            <Button
              key={days}
              variant="secondary"
              className="min-h-9 py-1 aria-pressed:border-brand-700 aria-pressed:bg-brand-50 aria-pressed:font-semibold"
              aria-pressed={cadence === days}
              onClick={() =>
                form.setValue("cadenceDays", days, { shouldDirty: true, shouldValidate: true })
              }
            >
              Every {days} days
            </Button>
          ))}
        </div>
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field
          label="Restore time target, RTO (minutes)"
          hint={`The longest a restore may take${inWords(rto)}.`}
          error={errors.rtoMinutes?.message}
        >
          {(props) => (
            <input
              {...props}
              {...form.register("rtoMinutes", { valueAsNumber: true })}
              type="number"
              inputMode="numeric"
              min={1}
            />
          )}
        </Field>
        <Field
          label="Data age target, RPO (minutes)"
          hint={`The oldest the restored data may be${inWords(rpo)}; 0 means no data may be lost.`}
          error={errors.rpoMinutes?.message}
        >
          {(props) => (
            <input
              {...props}
              {...form.register("rpoMinutes", { valueAsNumber: true })}
              type="number"
              inputMode="numeric"
              min={0}
            />
          )}
        </Field>
      </div>
      <div className="flex justify-end">
        <Button type="submit" disabled={isSubmitting}>
          {isSubmitting ? "Saving…" : submitLabel}
        </Button>
      </div>
    </form>
  );
}
