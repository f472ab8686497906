"use client";

import { get, useFormContext, useFormState, type FieldValues } from "react-hook-form";
import { Field } from "@/components/ui/field";

const control =
  "block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm focus:border-brand-600 aria-[invalid=true]:border-red-600 min-h-10";

/** Text areas grow with what is written (where the browser can), starting at about `rows` lines. */
const areaHeights: Record<number, string> = {
  1: "min-h-10",
  2: "min-h-16",
  3: "min-h-20",
  4: "min-h-24",
  5: "min-h-28",
};
const area = (rows: number) =>
  `field-sizing-content max-h-96 resize-y leading-snug ${areaHeights[rows] ?? "min-h-28"}`;

/** A field path under an optional prefix: the same fields serve a section form ("") and the template ("tiers"). */
export const at = (prefix: string, key: string) => (prefix ? `${prefix}.${key}` : key);

export function useFieldError(name: string): string | undefined {
  const { errors } = useFormState<FieldValues>({ name });
  const error = get(errors, name) as { message?: string; root?: { message?: string } } | undefined;
  return error?.message ?? error?.root?.message;
}

export function TextField({
  name,
  label,
  hint,
  rows,
  type = "text",
  autoComplete = "off",
  inputMode,
}: {
  name: string;
  label: string;
  hint?: string;
  /** A multi-line text area of this many rows; a single line when unset. */
  rows?: number;
  type?: "text" | "tel" | "email";
  autoComplete?: string;
  inputMode?: "tel" | "email" | "text";
}) {
  const { register } = useFormContext<FieldValues>();
  const error = useFieldError(name);
  return (
    <Field label={label} hint={hint} error={error}>
      {(props) =>
        rows ? (
          <textarea
            {...props}
            {...register(name)}
            rows={rows}
            className={`${props.className} ${area(rows)}`}
          />
        ) : (
          <input
            {...props}
            {...register(name)}
            type={type}
            autoComplete={autoComplete}
            inputMode={inputMode}
          />
        )
      }
    </Field>
  );
}

export function NumberField({
  name,
  label,
  hint,
  min,
  max,
  unit,
}: {
  name: string;
  label: string;
  hint?: string;
  min?: number;
  max?: number;
  unit?: string;
}) {
  const { register } = useFormContext<FieldValues>();
  const error = useFieldError(name);
  return (
    <Field label={unit ? `${label} (${unit})` : label} hint={hint} error={error}>
      {(props) => (
        <input
          {...props}
          {...register(name, { valueAsNumber: true })}
          type="number"
          inputMode="numeric"
          min={min}
          max={max}
          step={1}
          className={`${props.className} max-w-40`}
        />
      )}
    </Field>
  );
}

/** A text area labelled by an element elsewhere (an ordered list's "Step 3"), with its own message. */
export function LabelledTextArea({
  name,
  labelledBy,
  rows = 1,
}: {
  name: string;
  labelledBy: string;
  rows?: number;
}) {
  const { register } = useFormContext<FieldValues>();
  const error = useFieldError(name);
  const errorId = `${labelledBy}-error`;
  return (
    <div className="space-y-1">
      <textarea
        {...register(name)}
        aria-labelledby={labelledBy}
        aria-invalid={Boolean(error)}
        aria-describedby={error ? errorId : undefined}
        rows={rows}
        className={`${control} ${area(rows)}`}
      />
      {error && (
        <p id={errorId} className="text-sm text-red-700" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
