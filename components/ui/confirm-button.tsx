"use client";

import { useRef, type ReactNode } from "react";
import { Button, type ButtonVariant } from "./button";

/** A button that asks before doing something destructive, in a native dialog (keyboard and Esc work). */
export function ConfirmButton({
  label,
  title,
  children,
  confirmLabel,
  onConfirm,
  variant = "danger",
  disabled,
}: {
  label: ReactNode;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  variant?: ButtonVariant;
  disabled?: boolean;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  return (
    <>
      <Button
        variant={variant === "danger" ? "secondary" : variant}
        disabled={disabled}
        onClick={() => dialog.current?.showModal()}
      >
        {label}
      </Button>
      <dialog
        ref={dialog}
        className="m-auto w-[min(28rem,calc(100vw-2rem))] rounded-lg p-0 shadow-xl backdrop:bg-slate-900/40"
        aria-label={title}
      >
        <div className="space-y-3 p-5">
          <h2 className="text-lg font-semibold">{title}</h2>
          <div className="text-sm text-slate-700">{children}</div>
          <div className="flex justify-end gap-2 pt-2">
            <Button variant="secondary" onClick={() => dialog.current?.close()}>
              Cancel
            </Button>
            <Button
              variant={variant}
              onClick={() => {
                dialog.current?.close();
                onConfirm();
              }}
            >
              {confirmLabel}
            </Button>
          </div>
        </div>
      </dialog>
    </>
  );
}
