import type { LucideIcon } from "lucide-react";
import type { ComponentProps } from "react";

/**
 * One choice of a radio group drawn as a button: an icon and a word. The real radio covers the
 * chip (invisible), so a tap anywhere on it chooses, arrow keys move between choices, and the
 * focus ring shows on the chip.
 */
export function ChoiceChip({
  icon: Icon,
  label,
  checkedClassName,
  compact = false,
  ...input
}: Omit<ComponentProps<"input">, "type"> & {
  icon: LucideIcon;
  label: string;
  checkedClassName: string;
  compact?: boolean;
}) {
  return (
    <label
      className={`relative inline-flex min-h-10 items-center rounded-md border border-slate-300 bg-white py-1.5 text-sm ${compact ? "gap-1 px-2.5" : "gap-1.5 px-3"} text-slate-700 select-none hover:bg-slate-50 has-checked:font-semibold has-focus-visible:outline-2 has-focus-visible:outline-offset-2 has-focus-visible:outline-brand-600 ${checkedClassName}`}
    >
      <input
        type="radio"
        className="absolute inset-0 size-full cursor-pointer appearance-none opacity-0"
        {...input}
      />
      <Icon aria-hidden className="size-4 shrink-0" />
      {label}
    </label>
  );
}

export const brandChecked =
  "has-checked:border-brand-700 has-checked:bg-brand-50 has-checked:text-brand-800";
