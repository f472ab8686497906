"use client";

import { Controller } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { ChoiceCards } from "@/components/ui/choice-cards";
import { useVersionedForm } from "@/components/ui/use-versioned-form";
import type { SaveOutcome as SavingOutcome } from "@/components/ui/save-outcome";
import { Field } from "@/components/ui/field";
import {
  criticalities,
  criticalityLabels,
  systemCategories,
  systemFieldsSchema,
  type SystemFields,
} from "@/server/contracts/dependencies";
import { criticalityLook } from "./criticality";
import type { SiteOption, VendorOption } from "./types";

export const emptySystem: SystemFields = {
  name: "",
  category: "other",
  criticality: "important",
  owner: "",
  vendorId: null,
  siteId: null,
  notes: "",
};

export type SaveOutcome = SavingOutcome<SystemFields>;

/** Renders and validates one system of the map; the container decides what saving means. */
export function SystemForm({
  defaultValues,
  resetTo,
  sites,
  practiceVendors,
  catalogVendors,
  vendorsLoading,
  submitLabel,
  onSubmit,
  onDirtyChange,
}: {
  defaultValues: SystemFields;
  /** When set (after a conflict), the form shows these values instead. */
  resetTo?: SystemFields;
  sites: SiteOption[];
  practiceVendors: VendorOption[];
  catalogVendors: VendorOption[];
  vendorsLoading: boolean;
  submitLabel: string;
  onSubmit: (values: SystemFields) => Promise<SaveOutcome>;
  onDirtyChange?: (dirty: boolean) => void;
}) {
  const { form, submit } = useVersionedForm<SystemFields>({
    schema: systemFieldsSchema,
    defaultValues,
    resetTo,
    onSave: onSubmit,
    onDirtyChange,
  });
  const { errors, isSubmitting } = form.formState;

  const practiceVendorIds = new Set(practiceVendors.map((vendor) => vendor.id));
  const otherVendors = catalogVendors.filter((vendor) => !practiceVendorIds.has(vendor.id));

  return (
    <form onSubmit={submit} noValidate className="grid gap-4 sm:grid-cols-2">
      <div className="sm:col-span-2">
        <Field
          label="Name"
          hint="As the practice calls it, e.g. Primary internet circuit."
          error={errors.name?.message}
        >
          {(props) => <input {...props} {...form.register("name")} autoComplete="off" />}
        </Field>
      </div>
      <Field label="Category" error={errors.category?.message}>
        {(props) => (
          <select {...props} {...form.register("category")}>
            {systemCategories.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field
        label="Owner"
        hint="Who looks after it, e.g. Summit IT or the office manager."
        error={errors.owner?.message}
      >
        {(props) => <input {...props} {...form.register("owner")} autoComplete="off" />}
      </Field>
      <ChoiceCards
        className="sm:col-span-2"
        legend="Criticality"
        columns="sm:grid-cols-3"
        options={criticalities.map((value) => ({
          value,
          label: criticalityLabels[value],
          icon: criticalityLook[value].Icon,
          description: criticalityLook[value].meaning,
        }))}
        register={form.register("criticality")}
        error={errors.criticality?.message}
      />
      <Controller
        control={form.control}
        name="vendorId"
        render={({ field }) => (
          <Field
            label="Vendor"
            hint={
              vendorsLoading
                ? "Loading your vendor catalog…"
                : "From your vendor catalog. Add vendors on the practice's Vendors page."
            }
            error={errors.vendorId?.message}
          >
            {(props) => (
              <select
                {...props}
                name={field.name}
                ref={field.ref}
                value={field.value ?? ""}
                onBlur={field.onBlur}
                onChange={(event) => field.onChange(event.target.value || null)}
              >
                <option value="">No vendor</option>
                {practiceVendors.length > 0 && (
                  <optgroup label="This practice's vendors">
                    {practiceVendors.map((vendor) => (
                      <option key={vendor.id} value={vendor.id}>
                        {vendor.name}
                      </option>
                    ))}
                  </optgroup>
                )}
                {otherVendors.length > 0 && (
                  <optgroup
                    label={practiceVendors.length > 0 ? "Rest of the catalog" : "Vendor catalog"}
                  >
                    {otherVendors.map((vendor) => (
                      <option key={vendor.id} value={vendor.id}>
                        {vendor.name}
                      </option>
                    ))}
                  </optgroup>
                )}
              </select>
            )}
          </Field>
        )}
      />
      <Controller
        control={form.control}
        name="siteId"
        render={({ field }) => (
          <Field
            label="Site"
            hint="Where it lives, if it belongs to one site."
            error={errors.siteId?.message}
          >
            {(props) => (
              <select
                {...props}
                name={field.name}
                ref={field.ref}
                value={field.value ?? ""}
                onBlur={field.onBlur}
                onChange={(event) => field.onChange(event.target.value || null)}
              >
                <option value="">Whole practice / not one site</option>
                {sites.map((site) => (
                  <option key={site.id} value={site.id}>
                    {site.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
      />
      <div className="sm:col-span-2">
        <Field
          label="Notes"
          hint="Model, circuit ID, where it is, how to restart it…"
          error={errors.notes?.message}
        >
          {(props) => <textarea {...props} {...form.register("notes")} rows={3} />}
        </Field>
      </div>
      <div className="flex justify-end sm:col-span-2">
        <Button type="submit" disabled={isSubmitting}>
          {isSubmitting ? "Saving…" : submitLabel}
        </Button>
      </div>
    </form>
  );
}
