"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useEffect } from "react";
import {
  useForm,
  type DefaultValues,
  type FieldValues,
  type Path,
  type Resolver,
} from "react-hook-form";
import type { z } from "zod";
import { useUnsavedWarning } from "./use-unsaved-warning";

/** What a container reports after trying to save: saved, or the server's messages per field. */
export type SaveOutcome<T> =
  { saved: true } | { saved: false; fieldErrors?: Partial<Record<keyof T, string>> };

/**
 * A form that saves through its container: validated with the service's zod schema, warns before
 * unsaved changes are lost, can be reset to a newer version (after a conflict), counts as unchanged
 * once saved, and shows the server's field messages next to their fields.
 */
export function useSavingForm<T extends FieldValues>({
  schema,
  defaultValues,
  resetTo,
  onSubmit,
  onDirtyChange,
}: {
  schema: z.ZodType<T>;
  defaultValues: T;
  resetTo?: T;
  onSubmit: (values: T) => Promise<SaveOutcome<T>>;
  onDirtyChange?: (dirty: boolean) => void;
}) {
  const form = useForm<T>({
    resolver: zodResolver(schema as never) as unknown as Resolver<T>,
    defaultValues: defaultValues as DefaultValues<T>,
  });
  const { isDirty } = form.formState;
  useUnsavedWarning(isDirty);

  useEffect(() => {
    onDirtyChange?.(isDirty);
  }, [isDirty, onDirtyChange]);

  useEffect(() => {
    if (resetTo) form.reset(resetTo);
  }, [resetTo, form]);

  const submit = form.handleSubmit(async (values) => {
    const outcome = await onSubmit(values);
    if (outcome.saved) form.reset(values);
    else
      for (const [field, message] of Object.entries(outcome.fieldErrors ?? {})) {
        if (typeof message === "string")
          form.setError(field as Path<T>, { message }, { shouldFocus: true });
      }
  });

  return { form, submit };
}
