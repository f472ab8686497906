"use client";

import { ArrowDown, ArrowUp, Plus, Trash2 } from "lucide-react";
import { useId, type ReactNode } from "react";
import { useFieldArray } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { useVersionedForm } from "@/components/ui/use-versioned-form";
import type { SaveOutcome as SavingOutcome } from "@/components/ui/save-outcome";
import { Field } from "@/components/ui/field";
import { linkFieldsSchema, type LinkFields } from "@/server/contracts/vendors";

export const emptyLink: LinkFields = { accountNumber: "", notes: "", ladder: [] };
const emptyLevel = { name: "", role: "", phone: "", email: "", hours: "" };
const MAX_LEVELS = 10;

export type LinkSaveOutcome = SavingOutcome<LinkFields>;

/** A practice's own account with a vendor and its escalation ladder; the container decides what saving means. */
export function LinkForm({
  defaultValues,
  resetTo,
  submitLabel,
  onSubmit,
  onDirtyChange,
  secondaryAction,
}: {
  defaultValues: LinkFields;
  resetTo?: LinkFields;
  submitLabel: string;
  onSubmit: (values: LinkFields) => Promise<LinkSaveOutcome>;
  onDirtyChange?: (dirty: boolean) => void;
  secondaryAction?: ReactNode;
}) {
  const formId = useId();
  const { form, submit } = useVersionedForm<LinkFields>({
    schema: linkFieldsSchema,
    defaultValues,
    resetTo,
    onSave: onSubmit,
    onDirtyChange,
  });
  const ladder = useFieldArray({ control: form.control, name: "ladder", keyName: "key" });
  const { errors, isSubmitting } = form.formState;

  const buttonId = (index: number, what: "up" | "down") => `${formId}-level-${index}-${what}`;
  const move = (from: number, to: number) => {
    ladder.move(from, to);
    // Keep the keyboard on the level that moved.
    requestAnimationFrame(() => {
      const preferred = document.getElementById(
        buttonId(to, to < from ? "up" : "down"),
      ) as HTMLButtonElement | null;
      const other = document.getElementById(
        buttonId(to, to < from ? "down" : "up"),
      ) as HTMLButtonElement | null;
      (preferred && !preferred.disabled ? preferred : other)?.focus();
    });
  };
  const ladderError = errors.ladder?.message ?? errors.ladder?.root?.message;

  return (
    <form onSubmit={submit} noValidate className="space-y-5">
      <div className="grid gap-4 sm:grid-cols-2">
        <Field
          label="Account or customer number"
          hint="The practice's own number with this vendor; support asks for it first."
          error={errors.accountNumber?.message}
        >
          {(props) => <input {...props} {...form.register("accountNumber")} autoComplete="off" />}
        </Field>
        <Field
          label="Notes for this practice"
          hint="Site ID, what is covered, who may open tickets…"
          error={errors.notes?.message}
        >
          {(props) => <textarea {...props} {...form.register("notes")} rows={2} />}
        </Field>
      </div>

      <section aria-labelledby={`${formId}-ladder`} className="space-y-3">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <div>
            <h3 id={`${formId}-ladder`} className="text-base font-semibold">
              Escalation ladder
            </h3>
            <p className="text-xs text-slate-500">
              Who to call, in order: level 1 first, then up when it does not move. Each level needs
              a phone or an email.
            </p>
          </div>
          <Button
            variant="secondary"
            onClick={() => ladder.append({ ...emptyLevel })}
            disabled={ladder.fields.length >= MAX_LEVELS}
          >
            <Plus aria-hidden className="size-4" /> Add level
          </Button>
        </div>
        {ladderError && (
          <p role="alert" className="text-sm text-red-700">
            {ladderError}
          </p>
        )}
        {ladder.fields.length === 0 && (
          <p className="rounded-md border border-dashed border-slate-300 px-3 py-4 text-center text-sm text-slate-600">
            No levels yet. Add the vendor&apos;s support line as level 1.
          </p>
        )}
        <ol className="space-y-3">
          {ladder.fields.map((level, index) => {
            const levelErrors = errors.ladder?.[index];
            return (
              <li key={level.key}>
                <fieldset className="grid gap-3 rounded-md border border-slate-200 p-3 sm:grid-cols-6">
                  <legend className="px-1 text-sm font-semibold text-slate-800">
                    Level {index + 1}
                  </legend>
                  <div className="sm:col-span-3">
                    <Field label="Name" error={levelErrors?.name?.message}>
                      {(props) => (
                        <input
                          {...props}
                          {...form.register(`ladder.${index}.name`)}
                          autoComplete="off"
                        />
                      )}
                    </Field>
                  </div>
                  <div className="sm:col-span-3">
                    <Field label="Role" error={levelErrors?.role?.message}>
                      {(props) => (
                        <input
                          {...props}
                          {...form.register(`ladder.${index}.role`)}
                          autoComplete="off"
                          placeholder="e.g. Front line, Account manager"
                        />
                      )}
                    </Field>
                  </div>
                  <div className="sm:col-span-2">
                    <Field label="Phone" error={levelErrors?.phone?.message}>
                      {(props) => (
                        <input
                          {...props}
                          {...form.register(`ladder.${index}.phone`)}
                          type="tel"
                          autoComplete="off"
                        />
                      )}
                    </Field>
                  </div>
                  <div className="sm:col-span-2">
                    <Field label="Email" error={levelErrors?.email?.message}>
                      {(props) => (
                        <input
                          {...props}
                          {...form.register(`ladder.${index}.email`)}
                          type="email"
                          autoComplete="off"
                        />
                      )}
                    </Field>
                  </div>
                  <div className="sm:col-span-2">
                    <Field label="Hours" error={levelErrors?.hours?.message}>
                      {(props) => (
                        <input
                          {...props}
                          {...form.register(`ladder.${index}.hours`)}
                          autoComplete="off"
                          placeholder="e.g. 24/7"
                        />
                      )}
                    </Field>
                  </div>
                  <div className="flex flex-wrap gap-1 sm:col-span-6 sm:justify-end">
                    <Button
                      variant="ghost"
                      id={buttonId(index, "up")}
                      className="min-h-9 py-1"
                      disabled={index === 0}
                      onClick={() => move(index, index - 1)}
                    >
                      <ArrowUp aria-hidden className="size-4" /> Move up
                      <span className="sr-only">: level {index + 1}</span>
                    </Button>
                    <Button
                      variant="ghost"
                      id={buttonId(index, "down")}
                      className="min-h-9 py-1"
                      disabled={index === ladder.fields.length - 1}
                      onClick={() => move(index, index + 1)}
                    >
                      <ArrowDown aria-hidden className="size-4" /> Move down
                      <span className="sr-only">: level {index + 1}</span>
                    </Button>
                    <Button
                      variant="ghost"
                      className="min-h-9 py-1 text-red-800"
                      onClick={() => ladder.remove(index)}
                    >
                      <Trash2 aria-hidden className="size-4" /> Remove
                      <span className="sr-only"> level {index + 1}</span>
                    </Button>
                  </div>
                </fieldset>
              </li>
            );
          })}
        </ol>
      </section>

      <div className="flex flex-wrap justify-end gap-2">
        {secondaryAction}
        <Button type="submit" disabled={isSubmitting}>
          {isSubmitting ? "Saving…" : submitLabel}
        </Button>
      </div>
    </form>
  );
}
