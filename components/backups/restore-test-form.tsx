"use client";

import { useState } from "react";
import { Controller } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { ChoiceCards } from "@/components/ui/choice-cards";
import { Field } from "@/components/ui/field";
import { useVersionedForm } from "@/components/ui/use-versioned-form";
import type { SaveOutcome } from "@/components/ui/save-outcome";
import { fromZonedInput, toZonedInput } from "@/components/ui/zoned-time";
import {
  restoreKinds,
  restoreResults,
  restoreTestFormSchema,
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
  const { form, submit } = useVersionedForm<RestoreTestFields>({
    schema: restoreTestFormSchema,
    defaultValues,
    onSave: onSubmit,
    onDirtyChange,
  });
  const { errors, isSubmitting } = form.formState;
  const system = systems.find((item) => item.systemId === form.watch("systemId"));
  const zoneLabel = timeZone.replaceAll("_", " ");
  // A failed restore may have nothing to measure: the two figures become optional.
  const failed = form.watch("result") === "fail";
  const optional = failed ? " — optional for a failed restore" : "";

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
      <ChoiceCards
        className="sm:col-span-2"
        legend="What was restored"
        columns="grid-cols-2 sm:grid-cols-4"
        compact
        options={restoreKinds.map(([value, label]) => ({ value, label }))}
        register={form.register("kind")}
        error={errors.kind?.message}
      />
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
      <ChoiceCards
        className="sm:col-span-2"
        legend="Result"
        columns="sm:grid-cols-3"
        options={restoreResults.map(([value]) => ({
          value,
          label: <ResultBadge result={value} />,
          description: resultMeaning[value],
        }))}
        register={form.register("result")}
        error={errors.result?.message}
      />
      <Field
        label="Time to restore (minutes)"
        hint={
          (system
            ? `Target (RTO): ${formatMinutes(system.target.rtoMinutes)} at most`
            : "From starting the restore to the system working") + (failed ? `${optional}.` : ".")
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
          (system
            ? `How old the newest restored data was. Target (RPO): ${formatMinutes(system.target.rpoMinutes)} at most`
            : "How old the newest restored data was") + (failed ? `${optional}.` : ".")
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
