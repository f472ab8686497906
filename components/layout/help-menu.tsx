"use client";

import { useQuery } from "@tanstack/react-query";
import { CircleHelp, Clock, Mail, Phone, Settings } from "lucide-react";
import { useEffect, useId, useRef, useState } from "react";
import { useTRPC } from "@/components/trpc/client";
import Link from "@/components/ui/link";
import type { SupportLine } from "@/server/contracts/support-line";
import { telHref } from "@/server/domain/phone-number";

/** The MSP's help desk as links: phone (tap to call), email, hours. Nothing for the parts not set. */
export function SupportLineLinks({ line }: { line: SupportLine }) {
  return (
    <ul className="space-y-1.5 text-sm">
      {line.phone && (
        <li className="flex items-center gap-2">
          <Phone aria-hidden className="size-4 shrink-0 text-slate-500" />
          <a className="font-medium text-brand-700 underline" href={telHref(line.phone)}>
            {line.phone}
          </a>
        </li>
      )}
      {line.email && (
        <li className="flex items-center gap-2">
          <Mail aria-hidden className="size-4 shrink-0 text-slate-500" />
          <a className="break-all text-brand-700 underline" href={`mailto:${line.email}`}>
            {line.email}
          </a>
        </li>
      )}
      {line.hours && (
        <li className="flex items-start gap-2 text-slate-700">
          <Clock aria-hidden className="mt-0.5 size-4 shrink-0 text-slate-500" />
          <span>
            <span className="sr-only">Hours: </span>
            {line.hours}
          </span>
        </li>
      )}
    </ul>
  );
}

export const supportLineSet = (line: SupportLine | null | undefined): boolean =>
  Boolean(line && (line.phone || line.email));

/**
 * The header's Help button: a disclosure that shows the MSP's help desk to every member. With no
 * line set, an admin is asked to add one; everyone else sees only that there is none yet.
 */
export function HelpMenu({ initial, isAdmin }: { initial: SupportLine | null; isAdmin: boolean }) {
  const trpc = useTRPC();
  const [open, setOpen] = useState(false);
  // Follows the settings form's save (it invalidates this query) without a reload.
  const { data } = useQuery({
    ...trpc.mspSettings.supportLine.queryOptions(),
    initialData: initial ?? undefined,
    // Not read when the page was made: read it when the menu is opened.
    enabled: initial !== null || open,
  });
  const line = data ?? initial;
  const button = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);
  const panelId = useId();

  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== "Escape") return;
      setOpen(false);
      button.current?.focus();
    };
    const onPointer = (event: PointerEvent) => {
      const target = event.target as Node;
      if (!panel.current?.contains(target) && !button.current?.contains(target)) setOpen(false);
    };
    document.addEventListener("keydown", onKey);
    document.addEventListener("pointerdown", onPointer);
    return () => {
      document.removeEventListener("keydown", onKey);
      document.removeEventListener("pointerdown", onPointer);
    };
  }, [open]);

  return (
    <div className="relative">
      <button
        ref={button}
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((value) => !value)}
        className="flex items-center gap-1.5 rounded-md border border-slate-300 px-3 py-1.5 text-slate-700 hover:bg-slate-100"
      >
        <CircleHelp aria-hidden className="size-4" />
        <span className="sr-only sm:not-sr-only">Help</span>
      </button>
      {open && (
        <div
          ref={panel}
          id={panelId}
          role="region"
          aria-label="Help"
          className="absolute right-0 z-40 mt-2 w-72 max-w-[calc(100vw-2rem)] space-y-2 rounded-lg border border-slate-200 bg-white p-4 shadow-lg"
        >
          {line && supportLineSet(line) ? (
            <>
              <p className="font-semibold text-slate-900">{line.mspName} help desk</p>
              <SupportLineLinks line={line} />
            </>
          ) : isAdmin ? (
            <p className="text-sm text-slate-700">
              Your practices have no help desk number to call yet.{" "}
              <Link
                href="/members#support-line"
                onClick={() => setOpen(false)}
                className="inline-flex items-center gap-1 font-medium text-brand-700 underline"
              >
                <Settings aria-hidden className="size-4" />
                Add your support line in settings
              </Link>
            </p>
          ) : (
            <p className="text-sm text-slate-700">
              {line?.mspName ?? "Your MSP"} has not added a help desk number to Standby yet. The
              practice&apos;s downtime plan lists who to call.
            </p>
          )}
        </div>
      )}
    </div>
  );
}
