"use client";

import { Plus, Trash2 } from "lucide-react";
import { Controller, useFieldArray } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { Checkbox, Field } from "@/components/ui/field";
import { practiceFieldsSchema, type PracticeFields } from "@/server/contracts/practices";
import { TimeZoneOptions } from "@/components/ui/time-zones";
import { useVersionedForm } from "@/components/ui/use-versioned-form";

export const emptyPractice: PracticeFields = {
  name: "",
  timezone: "America/New_York",
  ehrProduct: "",
  downtimeCostPerMinuteCents: 0,
  isNewOffice: false,
  isMigrating: false,
  sites: [{ name: "Main office", address: "", phone: "" }],
};

/** Renders and validates a practice; the container decides what saving means. */
export function PracticeForm({
  defaultValues,
  submitLabel,
  onSubmit,
  resetTo,
}: {
  defaultValues: PracticeFields;
  submitLabel: string;
  /** Resolves true when saved; the form then counts as unchanged. */
  onSubmit: (values: PracticeFields) => Promise<boolean>;
  /** When set (after a conflict), the form shows these values instead. */
  resetTo?: PracticeFields;
}) {
  const { form, submit } = useVersionedForm<PracticeFields>({
    schema: practiceFieldsSchema,
    defaultValues,
    resetTo,
    onSave: async (values) => ((await onSubmit(values)) ? { saved: true } : { saved: false }),
  });
  const sites = useFieldArray({ control: form.control, name: "sites", keyName: "key" });
  const { errors, isSubmitting } = form.formState;

  return (
    <form onSubmit={submit} noValidate className="space-y-6">
      <section className="grid gap-4 rounded-lg border border-slate-200 bg-white p-5 sm:grid-cols-2">
        <h2 className="text-base font-semibold sm:col-span-2">Practice</h2>
        <div className="sm:col-span-2">
          <Field label="Practice name" error={errors.name?.message}>
            {(props) => <input {...props} {...form.register("name")} autoComplete="organization" />}
          </Field>
        </div>
        <Field label="Time zone" error={errors.timezone?.message}>
          {(props) => (
            <select {...props} {...form.register("timezone")}>
              <TimeZoneOptions />
            </select>
          )}
        </Field>
        <Field
          label="EHR product"
          hint="For example athenaOne, eClinicalWorks, Epic."
          error={errors.ehrProduct?.message}
        >
          {(props) => <input {...props} {...form.register("ehrProduct")} />}
        </Field>
        <Controller
          control={form.control}
          name="downtimeCostPerMinuteCents"
          render={({ field }) => (
            <Field
              label="Estimated cost of one downtime minute (USD)"
              hint="Used to estimate what an outage costs. Lost visits, staff time and re-entry work all count."
              error={errors.downtimeCostPerMinuteCents?.message}
            >
              {(props) => (
                <input
                  {...props}
                  type="number"
                  inputMode="decimal"
                  min={0}
                  step="0.01"
                  defaultValue={field.value / 100}
                  onBlur={field.onBlur}
                  onChange={(event) => {
                    const dollars = event.target.valueAsNumber;
                    field.onChange(
                      Number.isFinite(dollars) ? Math.round(dollars * 100) : Number.NaN,
                    );
                  }}
                />
              )}
            </Field>
          )}
        />
        <div className="space-y-3 sm:col-span-2">
          <Checkbox
            label="New office"
            hint="Reviews run monthly while a practice is new."
            {...form.register("isNewOffice")}
          />
          <Checkbox
            label="Migrating"
            hint="Moving to a new EHR or infrastructure; reviews run monthly meanwhile."
            {...form.register("isMigrating")}
          />
        </div>
      </section>

      <section className="space-y-4 rounded-lg border border-slate-200 bg-white p-5">
        <div className="flex items-center justify-between">
          <h2 className="text-base font-semibold">Sites</h2>
          <Button
            variant="secondary"
            onClick={() => sites.append({ name: "", address: "", phone: "" })}
            disabled={sites.fields.length >= 50}
          >
            <Plus aria-hidden className="size-4" /> Add site
          </Button>
        </div>
        {errors.sites?.root?.message && (
          <p className="text-sm text-red-700">{errors.sites.root.message}</p>
        )}
        {errors.sites?.message && <p className="text-sm text-red-700">{errors.sites.message}</p>}
        {sites.fields.map((site, index) => (
          <fieldset
            key={site.key}
            className="grid gap-3 rounded-md border border-slate-200 p-4 sm:grid-cols-[1fr_2fr_1fr_auto] sm:items-start"
          >
            <legend className="px-1 text-sm font-medium text-slate-700">Site {index + 1}</legend>
            <Field label="Name" error={errors.sites?.[index]?.name?.message}>
              {(props) => <input {...props} {...form.register(`sites.${index}.name`)} />}
            </Field>
            <Field label="Address" error={errors.sites?.[index]?.address?.message}>
              {(props) => (
                <input
                  {...props}
                  {...form.register(`sites.${index}.address`)}
                  autoComplete="street-address"
                />
              )}
            </Field>
            <Field label="Phone" error={errors.sites?.[index]?.phone?.message}>
              {(props) => (
                <input
                  {...props}
                  {...form.register(`sites.${index}.phone`)}
                  type="tel"
                  autoComplete="tel"
                />
              )}
            </Field>
            <Button
              variant="ghost"
              className="sm:mt-6"
              onClick={() => sites.remove(index)}
              disabled={sites.fields.length <= 1}
              aria-label={`Remove site ${index + 1}`}
            >
              <Trash2 aria-hidden className="size-4" />
              <span className="sm:sr-only">Remove</span>
            </Button>
          </fieldset>
        ))}
      </section>

      <div className="flex justify-end">
        <Button type="submit" disabled={isSubmitting}>
          {isSubmitting ? "Saving…" : submitLabel}
        </Button>
      </div>
    </form>
  );
}
