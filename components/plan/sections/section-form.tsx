"use client";

import { CircleDot, Save } from "lucide-react";
import { type ReactNode } from "react";
import { FormProvider, type DefaultValues, type FieldValues } from "react-hook-form";
import type { z } from "zod";
import { Button } from "@/components/ui/button";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { sectionTitles, type SectionContent, type SectionKey } from "@/server/contracts/plans";
import { useVersionedForm } from "@/components/ui/use-versioned-form";

/** What every section form takes; the container (SectionEditor) decides what saving means. */
export type SectionFormProps<K extends SectionKey> = {
  defaultValues: SectionContent<K>;
  /** When set (after "Load their version"), the form shows these values instead. */
  resetTo?: SectionContent<K>;
  /** Resolves true when saved; the form then counts as unchanged. */
  onSubmit: (values: SectionContent<K>) => Promise<boolean>;
  onCancel: () => void;
  /** Shown just above the Save button (a save error, a conflict). */
  notice?: ReactNode;
};

/**
 * The frame of one section's form: react-hook-form with the section's own zod schema (the one the
 * server checks), messages next to each field, a warning before leaving with unsaved changes.
 */
export function SectionForm<S extends z.ZodType<FieldValues, FieldValues>>({
  section,
  schema,
  defaultValues,
  resetTo,
  onSubmit,
  onCancel,
  notice,
  children,
}: {
  section: SectionKey;
  schema: S;
  defaultValues: z.output<S>;
  resetTo?: z.output<S>;
  onSubmit: (values: z.output<S>) => Promise<boolean>;
  onCancel: () => void;
  notice?: ReactNode;
  children: ReactNode;
}) {
  const { form, submit } = useVersionedForm<z.input<S>, z.output<S>>({
    schema: schema as z.ZodType as z.ZodType<z.output<S>>,
    defaultValues: defaultValues as DefaultValues<z.input<S>>,
    resetTo: resetTo as z.input<S> | undefined,
    onSave: async (values) => ((await onSubmit(values)) ? { saved: true } : { saved: false }),
  });
  const { isDirty, isSubmitting, errors } = form.formState;
  const title = sectionTitles[section];

  const invalid = Object.keys(errors).length > 0;

  return (
    <FormProvider {...form}>
      <form onSubmit={submit} noValidate className="space-y-4" aria-label={`Edit ${title}`}>
        {children}
        {notice}
        <div className="flex flex-col gap-2 border-t border-slate-100 pt-4 sm:flex-row sm:items-center sm:justify-end">
          {invalid && (
            <p className="text-sm text-red-700 sm:mr-auto" role="status">
              Some fields need attention; see the messages above.
            </p>
          )}
          {isDirty && !invalid && (
            <p className="flex items-center gap-1.5 text-sm text-amber-800 sm:mr-auto">
              <CircleDot aria-hidden className="size-4" /> Unsaved changes
            </p>
          )}
          <div className="flex flex-col-reverse gap-2 sm:flex-row">
            {isDirty ? (
              <ConfirmButton
                label="Cancel"
                title={`Discard your changes to ${title}?`}
                confirmLabel="Discard changes"
                onConfirm={onCancel}
              >
                What you typed in this section since you last saved it will be lost.
              </ConfirmButton>
            ) : (
              <Button variant="secondary" onClick={onCancel}>
                Cancel
              </Button>
            )}
            <Button type="submit" disabled={isSubmitting}>
              <Save aria-hidden className="size-4" />
              {isSubmitting ? "Saving…" : `Save ${title.toLowerCase()}`}
            </Button>
          </div>
        </div>
      </form>
    </FormProvider>
  );
}
