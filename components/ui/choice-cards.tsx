import type { LucideIcon } from "lucide-react";
import { useId, type ReactNode } from "react";
import type { UseFormRegisterReturn } from "react-hook-form";

export type ChoiceCard<V extends string> = {
  value: V;
  label: ReactNode;
  icon?: LucideIcon;
  /** What choosing it means, under the label. */
  description?: ReactNode;
  disabled?: boolean;
};

type Binding<V extends string> =
  | { register: UseFormRegisterReturn }
  | { name: string; value: V | undefined; onChange: (value: V) => void };

/**
 * One choice among a few, each drawn as a card the whole of which can be tapped. The radios are
 * native and visible: arrow keys move between choices, the focus ring shows on the card, and the
 * error is read with the group. Bound to react-hook-form (`register`) or controlled.
 */
export function ChoiceCards<V extends string>({
  legend,
  options,
  error,
  columns,
  compact = false,
  className,
  ...binding
}: {
  legend: string;
  options: readonly ChoiceCard<V>[];
  error?: string;
  /** The grid's columns, e.g. "sm:grid-cols-3". */
  columns: string;
  /** One line per card (a word and no description). */
  compact?: boolean;
  className?: string;
} & Binding<V>) {
  const errorId = `${useId()}-error`;
  const inputFor = (option: ChoiceCard<V>) =>
    "register" in binding
      ? binding.register
      : {
          name: binding.name,
          checked: binding.value === option.value,
          onChange: () => binding.onChange(option.value),
        };

  return (
    <fieldset className={className} aria-describedby={error ? errorId : undefined}>
      <legend className="mb-1 text-sm font-medium text-slate-800">{legend}</legend>
      <div className={`grid gap-2 ${columns}`}>
        {options.map((option) => {
          const Icon = option.icon;
          return (
            <label
              key={option.value}
              className={`flex gap-2 rounded-md border border-slate-300 text-sm has-[:checked]:border-brand-700 has-[:checked]:bg-brand-50 has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-brand-600 ${
                compact ? "min-h-10 items-center px-2.5 py-2" : "items-start p-2.5"
              } ${option.disabled ? "cursor-not-allowed bg-slate-50 text-slate-500" : "cursor-pointer"}`}
            >
              <input
                type="radio"
                value={option.value}
                disabled={option.disabled}
                {...inputFor(option)}
                className={`size-4 accent-brand-700 ${compact ? "" : "mt-0.5"}`}
              />
              {compact ? (
                option.label
              ) : (
                <span>
                  <span className="flex items-center gap-1 font-medium">
                    {Icon && <Icon aria-hidden className="size-4" />} {option.label}
                  </span>
                  {option.description && (
                    <span className="block text-xs text-slate-600">{option.description}</span>
                  )}
                </span>
              )}
            </label>
          );
        })}
      </div>
      {error && (
        <p id={errorId} role="alert" className="mt-1 text-sm text-red-700">
          {error}
        </p>
      )}
    </fieldset>
  );
}
