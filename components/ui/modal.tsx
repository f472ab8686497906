"use client";

import { X } from "lucide-react";
import { useEffect, useId, useRef, type ReactNode } from "react";

/**
 * A modal dialog on the native <dialog> element: focus is trapped and returned, Esc closes it.
 * `confirmClose` runs before a close the person asked for (Esc, the close button) and can veto it,
 * e.g. to keep unsaved changes.
 */
export function Modal({
  open,
  title,
  description,
  onClose,
  confirmClose,
  size = "md",
  children,
}: {
  open: boolean;
  title: string;
  description?: ReactNode;
  onClose: () => void;
  confirmClose?: () => boolean;
  size?: "md" | "lg";
  children: ReactNode;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) element.showModal();
    if (!open && element.open) element.close();
  }, [open]);

  const requestClose = () => {
    if (confirmClose && !confirmClose()) return;
    onClose();
  };

  return (
    <dialog
      ref={dialog}
      aria-labelledby={titleId}
      // React passes a nested dialog's cancel and close events up the tree (a confirmation inside
      // this one): only this dialog's own events count.
      onCancel={(event) => {
        if (event.target !== event.currentTarget) return;
        event.preventDefault();
        requestClose();
      }}
      onClose={(event) => {
        if (event.target === event.currentTarget && open) onClose();
      }}
      className={`m-auto max-h-[calc(100dvh-1rem)] w-[min(var(--modal-width),calc(100vw-1rem))] rounded-lg p-0 text-slate-900 shadow-xl backdrop:bg-slate-900/40 ${
        size === "lg" ? "[--modal-width:52rem]" : "[--modal-width:40rem]"
      }`}
    >
      {open && (
        <div className="flex flex-col">
          <div className="sticky top-0 z-10 flex items-start justify-between gap-3 border-b border-slate-200 bg-white px-4 py-3 sm:px-5">
            <div className="min-w-0">
              <h2 id={titleId} className="text-lg font-semibold">
                {title}
              </h2>
              {description && <div className="text-sm text-slate-600">{description}</div>}
            </div>
            <button
              type="button"
              onClick={requestClose}
              className="rounded-md p-2 text-slate-600 hover:bg-slate-100"
              aria-label="Close"
            >
              <X aria-hidden className="size-5" />
            </button>
          </div>
          <div className="px-4 py-4 sm:px-5">{children}</div>
        </div>
      )}
    </dialog>
  );
}
