"use client";

import { CircleCheck, CircleX, Lock, Save } from "lucide-react";
import { useRef, type ReactNode } from "react";
import { Controller } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { useVersionedForm } from "@/components/ui/use-versioned-form";
import type { SaveOutcome } from "@/components/ui/save-outcome";
import {
  reviewChecklist,
  reviewFieldsSchema,
  saferPractices,
  saferRatings,
  signOffProblems,
  type ReviewFields,
} from "@/server/contracts/reviews";
import { AttendeesInput } from "./attendees-input";
import { ratingIcon } from "./badges";
import { saferShortNames } from "./types";

export type ReviewSaveOutcome = SaveOutcome<ReviewFields>;

const input =
  "block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm placeholder:text-slate-400 focus:border-brand-600 aria-[invalid=true]:border-red-600 min-h-10";

/**
 * The review: checklist, SAFER self-assessment, findings and attendees. It renders and validates;
 * the container saves, and signs off once the person confirms and nothing is missing.
 */
export function ReviewForm({
  defaultValues,
  resetTo,
  onSubmit,
  onSignOff,
  onSignOffRefused,
  onDirtyChange,
  notice,
  signingOff,
}: {
  defaultValues: ReviewFields;
  resetTo?: ReviewFields;
  onSubmit: (values: ReviewFields) => Promise<ReviewSaveOutcome>;
  /** Called after the person confirmed; `dirty` says the values must be saved first. True when signed off. */
  onSignOff: (values: ReviewFields, dirty: boolean) => Promise<boolean>;
  onSignOffRefused: (problems: string[]) => void;
  onDirtyChange?: (dirty: boolean) => void;
  /** Why the last save or sign-off failed, shown by the buttons. */
  notice?: ReactNode;
  signingOff: boolean;
}) {
  const { form, submit } = useVersionedForm<ReviewFields>({
    schema: reviewFieldsSchema,
    defaultValues,
    resetTo,
    onSave: onSubmit,
    onDirtyChange,
  });
  const { errors, isSubmitting, isDirty } = form.formState;
  const confirm = useRef<HTMLDialogElement>(null);
  const [safer, attendees] = form.watch(["safer", "attendees"]);
  const problems = signOffProblems({ safer, attendees });
  const rated = saferPractices.filter(([key]) => safer[key]?.rating).length;

  function requestSignOff() {
    const found = signOffProblems(form.getValues());
    if (found.length > 0) onSignOffRefused(found);
    else confirm.current?.showModal();
  }

  const signOff = form.handleSubmit(async (values) => {
    const dirty = form.formState.isDirty;
    if (await onSignOff(values, dirty)) form.reset(values);
  });

  return (
    <form onSubmit={submit} noValidate className="space-y-5">
      <section
        aria-labelledby="checklist"
        className="rounded-lg border border-slate-200 bg-white p-4 sm:p-5"
      >
        <h2 id="checklist" className="text-base font-semibold text-slate-900">
          Checklist
        </h2>
        <p className="mb-3 text-xs text-slate-500">
          Tick what was confirmed in this review; a note says how, or what is still missing.
        </p>
        <ul className="divide-y divide-slate-100">
          {reviewChecklist.map(([key, label]) => {
            const noteError = errors.checklist?.[key]?.note?.message;
            return (
              <li
                key={key}
                className="grid gap-2 py-2.5 first:pt-0 last:pb-0 md:grid-cols-[minmax(0,16rem)_minmax(0,1fr)] md:items-start"
              >
                <label className="flex min-h-10 cursor-pointer items-center gap-2 text-sm font-medium text-slate-900">
                  <input
                    type="checkbox"
                    {...form.register(`checklist.${key}.done`)}
                    className="size-4 rounded border-slate-400 accent-brand-700"
                  />
                  {label}
                </label>
                <div>
                  <input
                    {...form.register(`checklist.${key}.note`)}
                    aria-label={`Note: ${label}`}
                    aria-invalid={Boolean(noteError)}
                    placeholder="Note (optional)"
                    autoComplete="off"
                    className={input}
                  />
                  {noteError && (
                    <p role="alert" className="mt-1 text-sm text-red-700">
                      {noteError}
                    </p>
                  )}
                </div>
              </li>
            );
          })}
        </ul>
      </section>

      <section
        aria-labelledby="safer"
        className="rounded-lg border border-slate-200 bg-white p-4 sm:p-5"
      >
        <h2 id="safer" className="text-base font-semibold text-slate-900">
          SAFER self-assessment
        </h2>
        <p className="mb-3 text-xs text-slate-500">
          The ONC SAFER Guide&apos;s contingency-planning practices. Rate each one: in place,
          partly, or not in place. {rated} of {saferPractices.length} assessed.
        </p>
        <ol className="space-y-3">
          {saferPractices.map(([key, text], index) => {
            const ratingError = errors.safer?.[key]?.rating?.message;
            const noteError = errors.safer?.[key]?.note?.message;
            return (
              <li key={key}>
                <fieldset className="rounded-md border border-slate-200 p-3">
                  <legend className="px-1 text-sm font-semibold text-slate-900">
                    {index + 1}. {saferShortNames[key]}
                  </legend>
                  <p className="mb-2 text-sm text-slate-700">{text}</p>
                  <div className="grid grid-cols-3 gap-1.5 sm:gap-2">
                    {saferRatings.map(([value, label]) => {
                      const Icon = ratingIcon(value);
                      return (
                        <label
                          key={value}
                          className="flex min-h-10 cursor-pointer items-center gap-1.5 rounded-md border border-slate-300 px-2 py-1.5 text-sm leading-tight has-[:checked]:border-brand-700 has-[:checked]:bg-brand-50 has-[:checked]:font-semibold has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-brand-600 sm:gap-2 sm:px-2.5"
                        >
                          <input
                            type="radio"
                            value={value}
                            {...form.register(`safer.${key}.rating`)}
                            className="size-4 shrink-0 accent-brand-700"
                          />
                          <Icon
                            aria-hidden
                            className="hidden size-4 shrink-0 text-slate-600 sm:block"
                          />
                          {label}
                        </label>
                      );
                    })}
                  </div>
                  {ratingError && (
                    <p role="alert" className="mt-1 text-sm text-red-700">
                      {ratingError}
                    </p>
                  )}
                  <input
                    {...form.register(`safer.${key}.note`)}
                    aria-label={`Note: ${saferShortNames[key]}`}
                    aria-invalid={Boolean(noteError)}
                    placeholder="Note (optional)"
                    autoComplete="off"
                    className={`${input} mt-2`}
                  />
                  {noteError && (
                    <p role="alert" className="mt-1 text-sm text-red-700">
                      {noteError}
                    </p>
                  )}
                </fieldset>
              </li>
            );
          })}
        </ol>
      </section>

      <section
        aria-labelledby="findings-heading"
        className="rounded-lg border border-slate-200 bg-white p-4 sm:p-5"
      >
        <h2 id="findings-heading" className="mb-2 text-base font-semibold text-slate-900">
          Findings
        </h2>
        <Field
          label="What the review found"
          hint="Gaps, decisions and who follows up. Risks go in the register."
          error={errors.findings?.message}
        >
          {(props) => <textarea {...props} {...form.register("findings")} rows={5} />}
        </Field>
      </section>

      <section
        aria-labelledby="attendees-heading"
        className="rounded-lg border border-slate-200 bg-white p-4 sm:p-5"
      >
        <h2 id="attendees-heading" className="mb-2 text-base font-semibold text-slate-900">
          Attendees
        </h2>
        <Controller
          control={form.control}
          name="attendees"
          render={({ field }) => (
            <AttendeesInput
              value={field.value}
              onChange={field.onChange}
              error={
                errors.attendees?.message ??
                errors.attendees?.root?.message ??
                errors.attendees?.find?.((item) => item)?.message
              }
            />
          )}
        />
      </section>

      <section
        aria-labelledby="sign-off-needs"
        className="rounded-lg border border-slate-200 bg-white p-4 sm:p-5"
      >
        <h2 id="sign-off-needs" className="mb-2 text-base font-semibold text-slate-900">
          Before signing off
        </h2>
        <ul className="space-y-1 text-sm">
          <li className="flex items-center gap-1.5">
            {attendees.length > 0 ? (
              <CircleCheck aria-hidden className="size-4 text-emerald-700" />
            ) : (
              <CircleX aria-hidden className="size-4 text-red-700" />
            )}
            <span>
              <span className="sr-only">{attendees.length > 0 ? "Done: " : "Missing: "}</span>
              Who attended ({attendees.length} listed)
            </span>
          </li>
          <li className="flex items-center gap-1.5">
            {rated === saferPractices.length ? (
              <CircleCheck aria-hidden className="size-4 text-emerald-700" />
            ) : (
              <CircleX aria-hidden className="size-4 text-red-700" />
            )}
            <span>
              <span className="sr-only">
                {rated === saferPractices.length ? "Done: " : "Missing: "}
              </span>
              Every SAFER practice assessed ({rated} of {saferPractices.length})
            </span>
          </li>
        </ul>
        <p className="mt-2 text-xs text-slate-500">
          {problems.length === 0 ? "Ready to sign off. " : ""}Signing off saves the review, then
          freezes it with the readiness figures of that moment.
        </p>
      </section>

      <div className="sticky bottom-0 z-10 -mx-1 space-y-2 rounded-t-lg border border-slate-200 bg-white/95 px-3 py-3 shadow-[0_-4px_12px_rgba(15,23,42,0.06)] backdrop-blur sm:px-4">
        {notice && <div className="max-h-48 overflow-y-auto">{notice}</div>}
        <div className="flex flex-col gap-2 sm:flex-row sm:items-center sm:justify-between">
          <p className="text-sm text-slate-600" aria-live="polite">
            {isSubmitting
              ? "Saving…"
              : isDirty
                ? "You have unsaved changes."
                : "All changes saved."}
          </p>
          <div className="flex flex-wrap gap-2">
            <Button type="submit" variant="secondary" disabled={isSubmitting || signingOff}>
              <Save aria-hidden className="size-4" /> {isSubmitting ? "Saving…" : "Save"}
            </Button>
            <Button disabled={isSubmitting || signingOff} onClick={requestSignOff}>
              <Lock aria-hidden className="size-4" /> {signingOff ? "Signing off…" : "Sign off"}
            </Button>
          </div>
        </div>
      </div>

      <dialog
        ref={confirm}
        aria-labelledby="confirm-sign-off"
        className="m-auto w-[min(28rem,calc(100vw-2rem))] rounded-lg p-0 shadow-xl backdrop:bg-slate-900/40"
      >
        <div className="space-y-3 p-5">
          <h2 id="confirm-sign-off" className="text-lg font-semibold">
            Sign off this review?
          </h2>
          <div className="space-y-2 text-sm text-slate-700">
            <p>
              The review is frozen with today&apos;s readiness figures and can no longer change. The
              next review is then scheduled from today.
            </p>
            {isDirty && <p className="font-medium">Your unsaved changes are saved first.</p>}
          </div>
          <div className="flex justify-end gap-2 pt-2">
            <Button variant="secondary" onClick={() => confirm.current?.close()}>
              Cancel
            </Button>
            <Button
              onClick={() => {
                confirm.current?.close();
                void signOff();
              }}
            >
              <Lock aria-hidden className="size-4" /> Sign off
            </Button>
          </div>
        </div>
      </dialog>
    </form>
  );
}
