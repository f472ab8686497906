"use client";

import { useId, useState } from "react";
import { Controller } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { useSavingForm, type SaveOutcome } from "@/components/ui/use-saving-form";
import { fromZonedInput, toZonedInput } from "@/components/ui/zoned-time";
import {
  restoreKinds,
  restoreResults,
  restoreTestFieldsSchema,
  type RestoreTestFields,
} from "@/server/contracts/backups";
import { formatMinutes } from "./format";
import { ResultBadge } from "./status-badges";
import type { TrackedSystem } from "./types";

export type RestoreTestSaveOutcome = SaveOutcome<RestoreTestFields>;

const resultMeaning = {
  pass: "Everything came back and works.",
  partial: "Some of it came back, or it needed manual fixing.",
  fail: "The restore did not work.",
} as const;

/** A datetime-local input read and written as the practice's wall clock. */
function ZonedDateTimeInput({
  value,
  onChange,
  onBlur,
  timeZone,
  inputProps,
}: {
  value: Date;
  onChange: (value: Date) => void;
  onBlur: () => void;
  timeZone: string;
  inputProps: {
    id: string;
    "aria-invalid": boolean;
    "aria-describedby"?: string;
    className: string;
    name: string;
    ref: (element: HTMLInputElement | null) => void;
  };
}) {
  const [text, setText] = useState(() => toZonedInput(value, timeZone));
  return (
    <input
      {...inputProps}
      type="datetime-local"
      value={text}
      onBlur={onBlur}
      onChange={(event) => {
        setText(event.target.value);
        // An invalid Date for an empty or half-typed value: the schema then asks when the test was done.
        onChange(fromZonedInput(event.target.value, timeZone) ?? new Date(Number.NaN));
      }}
      className={`${inputProps.className} sm:max-w-60`}
    />
  );
}

/** One restore test: what was restored, when, by whom, the result and how it measured up; the container decides what saving means. */
export function RestoreTestForm({
  systems,
  defaultValues,
  timeZone,
  onSubmit,
  onDirtyChange,
}: {
  systems: TrackedSystem[];
  defaultValues: RestoreTestFields;
  timeZone: string;
  onSubmit: (values: RestoreTestFields) => Promise<RestoreTestSaveOutcome>;
  onDirtyChange?: (dirty: boolean) => void;
}) {
  const id = useId();
  const { form, submit } = useSavingForm<RestoreTestFields>({
    schema: restoreTestFieldsSchema,
    defaultValues,
    onSubmit,
    onDirtyChange,
  });
  const { errors, isSubmitting } = form.formState;
  const system = systems.find((item) => item.systemId === form.watch("systemId"));
  const zoneLabel = timeZone.replaceAll("_", " ");

  return (
    <form onSubmit={submit} noValidate className="grid gap-4 sm:grid-cols-2">
      <div className="sm:col-span-2">
        <Field label="System" error={errors.systemId?.message}>
          {(props) => (
            <select {...props} {...form.register("systemId")}>
              {systems.map((item) => (
                <option key={item.systemId} value={item.systemId}>
                  {item.name}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <fieldset
        className="sm:col-span-2"
        aria-describedby={errors.kind ? `${id}-kind-error` : undefined}
      >
        <legend className="mb-1 text-sm font-medium text-slate-800">What was restored</legend>
        <div className="grid grid-cols-2 gap-2 sm:grid-cols-4">
          {restoreKinds.map(([value, label]) => (
            <label
              key={value}
              className="flex min-h-10 cursor-pointer items-center gap-2 rounded-md border border-slate-300 px-2.5 py-2 text-sm has-[:checked]:border-brand-700 has-[:checked]:bg-brand-50 has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-brand-600"
            >
              <input
                type="radio"
                value={value}
                {...form.register("kind")}
                className="size-4 accent-brand-700"
              />
              {label}
            </label>
          ))}
        </div>
        {errors.kind?.message && (
          <p id={`${id}-kind-error`} role="alert" className="mt-1 text-sm text-red-700">
            {errors.kind.message}
          </p>
        )}
      </fieldset>
      <Controller
        control={form.control}
        name="testedAt"
        render={({ field }) => (
          <Field
            label="When"
            hint={`Practice time (${zoneLabel}).`}
            error={errors.testedAt?.message}
          >
            {(props) => (
              <ZonedDateTimeInput
                value={field.value}
                onChange={field.onChange}
                onBlur={field.onBlur}
                timeZone={timeZone}
                inputProps={{ ...props, name: field.name, ref: field.ref }}
              />
            )}
          </Field>
        )}
      />
      <Field label="Tested by" error={errors.testedByName?.message}>
        {(props) => <input {...props} {...form.register("testedByName")} autoComplete="name" />}
      </Field>
      <fieldset
        className="sm:col-span-2"
        aria-describedby={errors.result ? `${id}-result-error` : undefined}
      >
        <legend className="mb-1 text-sm font-medium text-slate-800">Result</legend>
        <div className="grid gap-2 sm:grid-cols-3">
          {restoreResults.map(([value]) => (
            <label
              key={value}
              className="flex cursor-pointer items-start gap-2 rounded-md border border-slate-300 p-2.5 text-sm has-[:checked]:border-brand-700 has-[:checked]:bg-brand-50 has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-brand-600"
            >
              <input
                type="radio"
                value={value}
                {...form.register("result")}
                className="mt-0.5 size-4 accent-brand-700"
              />
              <span>
                <ResultBadge result={value} />
                <span className="mt-1 block text-xs text-slate-600">{resultMeaning[value]}</span>
              </span>
            </label>
          ))}
        </div>
        {errors.result?.message && (
          <p id={`${id}-result-error`} role="alert" className="mt-1 text-sm text-red-700">
            {errors.result.message}
          </p>
        )}
      </fieldset>
      <Field
        label="Time to restore (minutes)"
        hint={
          system
            ? `Target (RTO): ${formatMinutes(system.target.rtoMinutes)} at most.`
            : "From starting the restore to the system working."
        }
        error={errors.restoreMinutes?.message}
      >
        {(props) => (
          <input
            {...props}
            {...form.register("restoreMinutes", { valueAsNumber: true })}
            type="number"
            inputMode="numeric"
            min={0}
          />
        )}
      </Field>
      <Field
        label="Data age (minutes)"
        hint={
          system
            ? `How old the newest restored data was. Target (RPO): ${formatMinutes(system.target.rpoMinutes)} at most.`
            : "How old the newest restored data was."
        }
        error={errors.dataAgeMinutes?.message}
      >
        {(props) => (
          <input
            {...props}
            {...form.register("dataAgeMinutes", { valueAsNumber: true })}
            type="number"
            inputMode="numeric"
            min={0}
          />
        )}
      </Field>
      <div className="sm:col-span-2">
        <Field
          label="Evidence"
          hint="What was restored where, what was checked, a ticket number or where the screenshots are."
          error={errors.evidence?.message}
        >
          {(props) => <textarea {...props} {...form.register("evidence")} rows={3} />}
        </Field>
      </div>
      <div className="flex justify-end sm:col-span-2">
        <Button type="submit" disabled={isSubmitting}>
          {isSubmitting ? "Saving…" : "Record test"}
        </Button>
      </div>
    </form>
  );
}
