"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useEffect, useState } from "react";
import {
  useForm,
  useWatch,
  type DefaultValues,
  type FieldValues,
  type Path,
  type PathValue,
  type Resolver,
} from "react-hook-form";
import type { z } from "zod";
import { fieldErrorsFor, type CallProblem } from "@/components/trpc/call-problem";
import { useUnsavedWarning } from "@/components/ui/use-unsaved-warning";
import type { ActionOutcome } from "./use-room-action";

type Versioned = FieldValues & { version: number };

/**
 * A form over the incident that names the version it was read at. While nobody types in it, it
 * follows the incident as others change it. When someone else saved first (a conflict), the
 * person's edits stay; they choose to load the latest or to save theirs over it, now that they
 * have seen the message — never a silent overwrite.
 */
export function useIncidentForm<T extends Versioned>({
  schema,
  latest,
  fields,
  onSave,
}: {
  schema: z.ZodType<T>;
  /** The values as the incident has them now (memoized on its version). */
  latest: T;
  /** Fields the server may name in its messages. */
  fields: readonly string[];
  onSave: (values: T) => Promise<ActionOutcome<{ version: number }>>;
}) {
  const form = useForm<T>({
    resolver: zodResolver(schema as never) as unknown as Resolver<T>,
    defaultValues: latest as DefaultValues<T>,
  });
  const [problem, setProblem] = useState<CallProblem | null>(null);
  const { isDirty } = form.formState;
  useUnsavedWarning(isDirty);

  useEffect(() => {
    if (!form.formState.isDirty) form.reset(latest);
  }, [latest, form]);

  const readVersion = useWatch({ control: form.control, name: "version" as Path<T> }) as number;
  const versionPath = "version" as Path<T>;

  const submit = form.handleSubmit(async (values) => {
    setProblem(null);
    const outcome = await onSave(values);
    if (outcome.ok) {
      form.reset({ ...values, version: outcome.value.version });
      return;
    }
    const fieldErrors = fieldErrorsFor(outcome.problem, fields);
    for (const [field, message] of Object.entries(fieldErrors))
      form.setError(field as Path<T>, { message: message as string }, { shouldFocus: true });
    if (Object.keys(fieldErrors).length === 0) setProblem(outcome.problem);
  });

  return {
    form,
    submit,
    problem,
    conflict: problem?.code === "CONFLICT",
    /** The latest version has arrived since the conflict: keeping one's edits is possible now. */
    latestArrived: latest.version !== readVersion,
    loadLatest: () => {
      form.reset(latest);
      setProblem(null);
    },
    keepMine: () => {
      form.setValue(versionPath, latest.version as PathValue<T, Path<T>>);
      setProblem(null);
    },
  };
}
