"use client";

import Form from "next/form";
import { useRef, type ComponentProps, type ReactNode } from "react";
import { buttonClass } from "@/components/ui/button";
import { useHydrated } from "@/components/ui/use-hydrated";

type Field = HTMLSelectElement | HTMLInputElement;
const isField = (target: EventTarget | null): target is Field =>
  target instanceof HTMLSelectElement || target instanceof HTMLInputElement;
/** Typed into (a search box): applied with Enter, as a search is. */
const isTyped = (field: Field) =>
  field instanceof HTMLInputElement && ["text", "search"].includes(field.type);

/**
 * A GET filter form (its values live in the URL) whose choices apply as they are made, with no
 * Apply button: a choice picked with the mouse or a finger applies at once; one reached with the
 * arrow keys, or a date typed, applies on Enter or on leaving the field, so moving through the
 * options never reloads the list at every step. Navigation stays in the app (next/form). Before
 * the page's script has loaded, the submit button is there and the form works as a plain form.
 */
export function FilterForm({
  children,
  submitLabel,
  actions,
  actionsClassName = "flex gap-2",
  className,
  ...form
}: Omit<ComponentProps<"form">, "action" | "onChange" | "onKeyDown" | "onBlur"> & {
  action: string;
  children: ReactNode;
  /** With a search box: its button ("Search"), kept once the script runs. Otherwise the button goes. */
  submitLabel?: string;
  /** Beside the button: a "Clear" link, say. */
  actions?: ReactNode;
  actionsClassName?: string;
}) {
  const hydrated = useHydrated();
  const ref = useRef<HTMLFormElement>(null);
  const lastKey = useRef<{ field: EventTarget; at: number } | null>(null);
  const pending = useRef<Field | null>(null);
  const apply = () => {
    pending.current = null;
    ref.current?.requestSubmit();
  };
  return (
    <Form
      // The list changes under the form; the page stays where it is.
      scroll={false}
      {...form}
      ref={ref}
      className={className}
      onKeyDown={(event) => {
        if (!isField(event.target)) return;
        lastKey.current = { field: event.target, at: event.timeStamp };
        if (event.key === "Enter" && pending.current === event.target) {
          event.preventDefault();
          apply();
        }
      }}
      onChange={(event) => {
        const field = event.target;
        if (!isField(field) || isTyped(field)) return;
        // A date picked in the calendar applies at once; one typed waits like an arrow-key choice.
        const byKeyboard =
          lastKey.current?.field === field && event.timeStamp - lastKey.current.at < 500;
        if (byKeyboard) pending.current = field;
        else apply();
      }}
      onBlur={(event) => {
        const left: EventTarget = event.target;
        if (pending.current && left === pending.current) apply();
      }}
    >
      {children}
      {(!hydrated || submitLabel || actions) && (
        <div className={actionsClassName}>
          {(!hydrated || submitLabel) && (
            <button type="submit" className={buttonClass(hydrated ? "secondary" : "primary")}>
              {hydrated ? submitLabel : "Apply"}
            </button>
          )}
          {actions}
        </div>
      )}
    </Form>
  );
}
