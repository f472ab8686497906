"use client";

import { ArrowDown, ArrowUp, Plus, Trash2 } from "lucide-react";
import { useEffect, useId, useRef, useState, type ReactNode } from "react";
import { useFieldArray, useFormContext, type FieldValues } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { useHydrated } from "@/components/ui/use-hydrated";
import { useFieldError } from "./fields";

const capitalize = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

/**
 * An editable ordered list inside a form: add, remove, move up, move down. Every control is a
 * real button with a name ("Move step 2 up"), and focus follows the item it moved so a keyboard
 * user can keep pressing. Each item is labelled "Step 2", "Visit rule 2": `labelId` names the
 * element that label belongs to (a text area, a fieldset).
 */
export function OrderedList<Item extends FieldValues>({
  name,
  noun,
  addLabel,
  max,
  newItem,
  emptyText,
  dense = false,
  children,
}: {
  name: string;
  /** What one item is called, lower case: "step", "visit rule". */
  noun: string;
  addLabel: string;
  max: number;
  newItem: () => Item;
  emptyText: string;
  /** One line per item on wide screens (label, field, buttons): for single-field items. */
  dense?: boolean;
  /** Renders one item's fields; `path` is the item's field path, `number` counts from 1. */
  children: (item: { path: string; number: number; labelId: string }) => ReactNode;
}) {
  const { control } = useFormContext<FieldValues>();
  const list = useFieldArray({ control, name, keyName: "key" });
  const error = useFieldError(name);
  const baseId = useId();
  // Where the keyboard goes after the list re-renders (the moved item's button, the next item…).
  const focusTarget = useRef<string | null>(null);
  const [announcement, setAnnouncement] = useState("");
  const count = list.fields.length;
  const hydrated = useHydrated();
  const controlId = (key: string, which: "up" | "down" | "remove") => `${baseId}-${key}-${which}`;
  const addId = `${baseId}-add`;
  const label = capitalize(noun);

  useEffect(() => {
    if (!focusTarget.current) return;
    document.getElementById(focusTarget.current)?.focus();
    focusTarget.current = null;
  });

  function move(from: number, to: number) {
    const key = list.fields[from]!.key;
    list.move(from, to);
    const which = to < from ? (to === 0 ? "down" : "up") : to === count - 1 ? "up" : "down";
    focusTarget.current = controlId(key, which);
    setAnnouncement(`${label} ${from + 1} moved to position ${to + 1} of ${count}.`);
  }

  function remove(index: number) {
    const next = list.fields[index + 1] ?? list.fields[index - 1];
    list.remove(index);
    focusTarget.current = next ? controlId(next.key, "remove") : addId;
    setAnnouncement(`${label} ${index + 1} removed.`);
  }

  const layout = dense
    ? {
        item: "grid grid-cols-[1fr_auto] items-center gap-x-2 gap-y-1 p-2 sm:grid-cols-[5.5rem_1fr_auto] sm:items-start",
        label: "col-start-1 row-start-1 text-sm font-medium text-slate-800 sm:pt-2.5",
        controls: "col-start-2 row-start-1 sm:col-start-3",
        field: "col-span-2 row-start-2 min-w-0 sm:col-span-1 sm:col-start-2 sm:row-start-1",
      }
    : {
        item: "grid grid-cols-[1fr_auto] items-center gap-x-2 gap-y-1 p-3",
        label: "col-start-1 row-start-1 text-sm font-semibold text-slate-800",
        controls: "col-start-2 row-start-1",
        field: "col-span-2 row-start-2 min-w-0",
      };

  return (
    <div className="space-y-2">
      {count === 0 ? (
        <p className="text-sm italic text-slate-500">{emptyText}</p>
      ) : (
        <ol className="space-y-2">
          {list.fields.map((field, index) => {
            const labelId = `${baseId}-${field.key}-label`;
            return (
              <li
                key={field.key}
                className={`rounded-md border border-slate-200 bg-slate-50/60 ${layout.item}`}
              >
                <span id={labelId} className={layout.label}>
                  {label} {index + 1}
                </span>
                <div className={`flex gap-0.5 ${layout.controls}`}>
                  <Button
                    id={controlId(field.key, "up")}
                    variant="ghost"
                    className="min-h-9 px-2 py-1.5"
                    aria-label={`Move ${noun} ${index + 1} up`}
                    title="Move up"
                    disabled={!hydrated || index === 0}
                    onClick={() => move(index, index - 1)}
                  >
                    <ArrowUp aria-hidden className="size-4" />
                  </Button>
                  <Button
                    id={controlId(field.key, "down")}
                    variant="ghost"
                    className="min-h-9 px-2 py-1.5"
                    aria-label={`Move ${noun} ${index + 1} down`}
                    title="Move down"
                    disabled={!hydrated || index === count - 1}
                    onClick={() => move(index, index + 1)}
                  >
                    <ArrowDown aria-hidden className="size-4" />
                  </Button>
                  <Button
                    id={controlId(field.key, "remove")}
                    variant="ghost"
                    className="min-h-9 px-2 py-1.5 text-red-800 hover:bg-red-50"
                    aria-label={`Remove ${noun} ${index + 1}`}
                    title="Remove"
                    disabled={!hydrated}
                    onClick={() => remove(index)}
                  >
                    <Trash2 aria-hidden className="size-4" />
                  </Button>
                </div>
                <div className={layout.field}>
                  {children({ path: `${name}.${index}`, number: index + 1, labelId })}
                </div>
              </li>
            );
          })}
        </ol>
      )}
      {error && (
        <p className="text-sm text-red-700" role="alert">
          {error}
        </p>
      )}
      <div className="flex flex-wrap items-center gap-3">
        <Button
          id={addId}
          variant="secondary"
          onClick={() => list.append(newItem())}
          disabled={!hydrated || count >= max}
        >
          <Plus aria-hidden className="size-4" /> {addLabel}
        </Button>
        <span className="text-xs text-slate-500">
          {count} of at most {max}
        </span>
      </div>
      <p aria-live="polite" className="sr-only">
        {announcement}
      </p>
    </div>
  );
}
