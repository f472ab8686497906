"use client";

import type { ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { Checkbox, Field } from "@/components/ui/field";
import { useVersionedForm } from "@/components/ui/use-versioned-form";
import type { SaveOutcome } from "@/components/ui/save-outcome";
import {
  vendorCategories,
  vendorFieldsSchema,
  type VendorFields,
} from "@/server/contracts/vendors";

export const emptyVendor: VendorFields = {
  name: "",
  category: "ehr",
  supportPhone: "",
  portalUrl: "",
  supportHours: "",
  baaOnFile: false,
  contractNotes: "",
};

export type VendorSaveOutcome = SaveOutcome<VendorFields>;

/** Renders and validates a catalog vendor; the container decides what saving means. */
export function VendorForm({
  defaultValues,
  resetTo,
  submitLabel,
  onSubmit,
  onDirtyChange,
  secondaryAction,
}: {
  defaultValues: VendorFields;
  resetTo?: VendorFields;
  submitLabel: string;
  onSubmit: (values: VendorFields) => Promise<VendorSaveOutcome>;
  onDirtyChange?: (dirty: boolean) => void;
  secondaryAction?: ReactNode;
}) {
  const { form, submit } = useVersionedForm<VendorFields>({
    schema: vendorFieldsSchema,
    defaultValues,
    resetTo,
    onSave: onSubmit,
    onDirtyChange,
  });
  const { errors, isSubmitting } = form.formState;

  return (
    <form onSubmit={submit} noValidate className="grid gap-4 sm:grid-cols-2">
      <Field label="Vendor name" error={errors.name?.message}>
        {(props) => <input {...props} {...form.register("name")} autoComplete="organization" />}
      </Field>
      <Field label="Category" error={errors.category?.message}>
        {(props) => (
          <select {...props} {...form.register("category")}>
            {vendorCategories.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Support phone" error={errors.supportPhone?.message}>
        {(props) => (
          <input {...props} {...form.register("supportPhone")} type="tel" autoComplete="off" />
        )}
      </Field>
      <Field label="Support portal" hint="Starts with https://" error={errors.portalUrl?.message}>
        {(props) => (
          <input
            {...props}
            {...form.register("portalUrl")}
            type="url"
            inputMode="url"
            autoComplete="off"
            placeholder="https://"
          />
        )}
      </Field>
      <Field
        label="Support hours"
        hint="For example 24/7, or Mon–Fri 8–17 CT."
        error={errors.supportHours?.message}
      >
        {(props) => <input {...props} {...form.register("supportHours")} autoComplete="off" />}
      </Field>
      <div className="sm:pt-7">
        <Checkbox
          label="BAA on file"
          hint="A signed business associate agreement (HIPAA) is on file."
          {...form.register("baaOnFile")}
        />
      </div>
      <div className="sm:col-span-2">
        <Field
          label="Contract and SLA notes"
          hint="Response times, contract number, renewal date, what the SLA promises."
          error={errors.contractNotes?.message}
        >
          {(props) => <textarea {...props} {...form.register("contractNotes")} rows={3} />}
        </Field>
      </div>
      <div className="flex flex-wrap justify-end gap-2 sm:col-span-2">
        {secondaryAction}
        <Button type="submit" disabled={isSubmitting}>
          {isSubmitting ? "Saving…" : submitLabel}
        </Button>
      </div>
    </form>
  );
}
