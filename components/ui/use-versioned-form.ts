"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useCallback, useEffect, useState } from "react";
import {
  useForm,
  type DefaultValues,
  type FieldValues,
  type Path,
  type Resolver,
} from "react-hook-form";
import type { z } from "zod";
import type { CallProblem } from "@/components/trpc/call-problem";
import { fieldMessages, type SaveOutcome } from "./save-outcome";
import { useUnsavedWarning } from "./use-unsaved-warning";

/**
 * The one way a form saves. It validates with the service's zod schema (or a resolver built on
 * it), warns before unsaved changes are lost, and after a save counts as unchanged. A refusal puts
 * the server's messages next to their fields, or else keeps the problem for the form to show.
 *
 * A versioned document's form names the version it was read at when saving. While nobody types in
 * it, it follows `latest` as others change the document. When someone else saved first (a
 * conflict), the edits stay: the person loads the latest (`loadLatest`, or `reload` with what the
 * container fetched) or keeps theirs to save over it (`keepMine`) — never a silent overwrite.
 */
export function useVersionedForm<T extends FieldValues, Out extends FieldValues = T>({
  schema,
  resolver,
  defaultValues,
  version: readAt = 0,
  latest,
  resetTo,
  warnBeforeLeaving = true,
  onDirtyChange,
  onSave,
}: {
  schema?: z.ZodType<Out>;
  /** Instead of `schema`: for values that become the service's input first (schema-resolver). */
  resolver?: Resolver<T, unknown, Out>;
  defaultValues: DefaultValues<T>;
  /** The version `defaultValues` were read at. */
  version?: number;
  /** The document as it is now (memoized): followed while the form is unchanged. */
  latest?: { values: T; version: number };
  /** Values to show instead, set by a container that loaded someone else's save. */
  resetTo?: T;
  warnBeforeLeaving?: boolean;
  onDirtyChange?: (dirty: boolean) => void;
  /** Saves the values with the version they were read at; the container decides what that means. */
  onSave: (values: Out, version: number) => Promise<SaveOutcome<T>>;
}) {
  const form = useForm<T, unknown, Out>({
    resolver:
      resolver ??
      (schema && (zodResolver(schema as never) as unknown as Resolver<T, unknown, Out>)),
    defaultValues,
  });
  const [version, setVersion] = useState(readAt);
  const [problem, setProblem] = useState<CallProblem | null>(null);
  const { isDirty, isSubmitting } = form.formState;
  // While the save is on its way the changes are not lost by leaving.
  useUnsavedWarning(warnBeforeLeaving && isDirty && !isSubmitting);

  useEffect(() => {
    onDirtyChange?.(isDirty);
  }, [isDirty, onDirtyChange]);

  useEffect(() => {
    if (resetTo) form.reset(resetTo);
  }, [resetTo, form]);

  useEffect(() => {
    if (latest && !form.formState.isDirty) {
      form.reset(latest.values);
      // The version goes with the values just shown: both change here, together.
      // eslint-disable-next-line react-hooks/set-state-in-effect
      setVersion(latest.version);
    }
  }, [latest, form]);

  const submit = form.handleSubmit(async (values) => {
    setProblem(null);
    const outcome = await onSave(values, version);
    if (outcome.saved) {
      if (outcome.version !== undefined) setVersion(outcome.version);
      form.reset(outcome.resetTo ?? (values as unknown as T));
      return;
    }
    const messages = fieldMessages(outcome, Object.keys(defaultValues));
    for (const [field, message] of Object.entries(messages))
      form.setError(field as Path<T>, { message }, { shouldFocus: true });
    if (Object.keys(messages).length === 0 && outcome.problem) setProblem(outcome.problem);
  });

  /** Shows these values, read at this version, in place of the person's edits. */
  const reload = useCallback(
    (values: T, readVersion: number) => {
      form.reset(values);
      setVersion(readVersion);
      setProblem(null);
    },
    [form],
  );

  return {
    form,
    submit,
    version,
    problem,
    setProblem,
    conflict: problem?.code === "CONFLICT",
    /** The latest version has arrived since the conflict: keeping one's edits is possible now. */
    latestArrived: !latest || latest.version !== version,
    reload,
    loadLatest: () => {
      if (latest) reload(latest.values, latest.version);
    },
    keepMine: () => {
      if (latest) setVersion(latest.version);
      setProblem(null);
    },
  };
}
