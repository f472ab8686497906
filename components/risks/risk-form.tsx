"use client";

import Link from "@/components/ui/link";
import { useId } from "react";
import { Controller } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { ChoiceCards } from "@/components/ui/choice-cards";
import { Field } from "@/components/ui/field";
import { useVersionedForm } from "@/components/ui/use-versioned-form";
import type { SaveOutcome } from "@/components/ui/save-outcome";
import {
  riskCategories,
  riskFieldsSchema,
  riskSeverities,
  type RiskFields,
} from "@/server/contracts/risks";
import { severityLook } from "./risk-badges";

export const emptyRisk: RiskFields = {
  title: "",
  description: "",
  severity: "medium",
  category: "other",
  owner: "",
  systemIds: [],
};

export type RiskSaveOutcome = SaveOutcome<RiskFields>;

export type SystemOption = { id: string; name: string };

/** Renders and validates a risk (with the service's schema); the container decides what saving means. */
export function RiskForm({
  practiceId,
  defaultValues,
  resetTo,
  submitLabel,
  systems,
  systemsLoading,
  onSubmit,
  onDirtyChange,
}: {
  practiceId: string;
  defaultValues: RiskFields;
  resetTo?: RiskFields;
  submitLabel: string;
  systems: SystemOption[];
  systemsLoading: boolean;
  onSubmit: (values: RiskFields) => Promise<RiskSaveOutcome>;
  onDirtyChange?: (dirty: boolean) => void;
}) {
  const formId = useId();
  const { form, submit } = useVersionedForm<RiskFields>({
    schema: riskFieldsSchema,
    defaultValues,
    resetTo,
    onSave: onSubmit,
    onDirtyChange,
  });
  const { errors, isSubmitting } = form.formState;

  return (
    <form onSubmit={submit} noValidate className="grid gap-4 sm:grid-cols-2">
      <div className="sm:col-span-2">
        <Field
          label="Title"
          hint="What is wrong, in a few words, e.g. No MFA on the EHR admin account."
          error={errors.title?.message}
        >
          {(props) => <input {...props} {...form.register("title")} autoComplete="off" />}
        </Field>
      </div>
      <div className="sm:col-span-2">
        <Field
          label="Description"
          hint="What could happen, what was found, what fixing it takes."
          error={errors.description?.message}
        >
          {(props) => <textarea {...props} {...form.register("description")} rows={3} />}
        </Field>
      </div>

      <ChoiceCards
        className="sm:col-span-2"
        legend="Severity"
        columns="grid-cols-2 sm:grid-cols-4"
        options={riskSeverities.map(([value, label]) => ({
          value,
          label,
          icon: severityLook[value].Icon,
          description: severityLook[value].meaning,
        }))}
        register={form.register("severity")}
        error={errors.severity?.message}
      />

      <Field label="Category" error={errors.category?.message}>
        {(props) => (
          <select {...props} {...form.register("category")}>
            {riskCategories.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field
        label="Owner"
        hint="Who makes sure it gets fixed, e.g. Summit IT or the office manager."
        error={errors.owner?.message}
      >
        {(props) => <input {...props} {...form.register("owner")} autoComplete="off" />}
      </Field>

      <Controller
        control={form.control}
        name="systemIds"
        render={({ field }) => (
          <fieldset
            className="sm:col-span-2"
            aria-describedby={`${formId}-systems-hint${errors.systemIds ? ` ${formId}-systems-error` : ""}`}
          >
            <legend className="mb-1 text-sm font-medium text-slate-800">Linked systems</legend>
            <p id={`${formId}-systems-hint`} className="mb-2 text-xs text-slate-500">
              The systems on the practice&apos;s dependency map this risk concerns.
            </p>
            {systemsLoading ? (
              <p className="text-sm text-slate-600" role="status">
                Loading the practice&apos;s systems…
              </p>
            ) : systems.length === 0 ? (
              <p className="rounded-md border border-dashed border-slate-300 px-3 py-3 text-sm text-slate-600">
                No systems on the dependency map yet.{" "}
                <Link
                  className="text-brand-700 underline"
                  href={`/practices/${practiceId}/dependencies`}
                >
                  Map the practice&apos;s systems
                </Link>{" "}
                to link them to risks.
              </p>
            ) : (
              <ul className="grid max-h-52 gap-1 overflow-y-auto rounded-md border border-slate-200 p-2 sm:grid-cols-2">
                {systems.map((system) => {
                  const checked = field.value.includes(system.id);
                  return (
                    <li key={system.id}>
                      <label className="flex min-h-9 cursor-pointer items-center gap-2 rounded px-2 py-1 text-sm hover:bg-slate-50 has-[:checked]:bg-brand-50 has-[:focus-visible]:outline has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-brand-600">
                        <input
                          type="checkbox"
                          className="size-4 accent-brand-700"
                          checked={checked}
                          onBlur={field.onBlur}
                          onChange={(event) =>
                            field.onChange(
                              event.target.checked
                                ? [...field.value, system.id]
                                : field.value.filter((id) => id !== system.id),
                            )
                          }
                        />
                        {system.name}
                      </label>
                    </li>
                  );
                })}
              </ul>
            )}
            {errors.systemIds && (
              <p id={`${formId}-systems-error`} role="alert" className="mt-1 text-sm text-red-700">
                {errors.systemIds.message ??
                  errors.systemIds.root?.message ??
                  errors.systemIds.find?.((error) => error?.message)?.message}
              </p>
            )}
          </fieldset>
        )}
      />

      <div className="flex flex-wrap justify-end gap-2 sm:col-span-2">
        <Button type="submit" disabled={isSubmitting}>
          {isSubmitting ? "Saving…" : submitLabel}
        </Button>
      </div>
    </form>
  );
}
