"use client";

import { Search } from "lucide-react";
import dynamic from "next/dynamic";
import { useHydrated } from "@/components/ui/use-hydrated";
import { useCallback, useEffect, useRef, useState } from "react";

export type MenuPage = { href: string; label: string };

/** The dialog's code loads on first use (a pointer over the button, focus, or the shortcut), not with every page. */
const loadDialog = () => import("./command-menu-dialog");
const CommandMenuDialog = dynamic(() => loadDialog().then((module) => module.CommandMenuDialog), {
  ssr: false,
});

/** Typing in a field, a text area or an editable region: "/" is a character there, not the shortcut. */
function typingIn(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return (
    target.isContentEditable ||
    target instanceof HTMLInputElement ||
    target instanceof HTMLTextAreaElement ||
    target instanceof HTMLSelectElement
  );
}

/**
 * The header's "Search… Ctrl K" button and the keyboard shortcuts (Ctrl+K or ⌘K anywhere, "/" when
 * not typing) that open the command menu. Closing it returns focus where it was.
 */
export function CommandMenu({ pages }: { pages: MenuPage[] }) {
  const [open, setOpen] = useState(false);
  const [loaded, setLoaded] = useState(false);
  const hydrated = useHydrated();
  const mac = hydrated && /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);
  const returnFocus = useRef<HTMLElement | null>(null);

  const show = useCallback(() => {
    returnFocus.current =
      document.activeElement instanceof HTMLElement ? document.activeElement : null;
    setLoaded(true);
    setOpen(true);
  }, []);
  const close = useCallback(() => {
    setOpen(false);
    const target = returnFocus.current;
    returnFocus.current = null;
    if (target?.isConnected) target.focus();
  }, []);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.isComposing) return;
      const commandK =
        (event.ctrlKey || event.metaKey) &&
        !event.altKey &&
        !event.shiftKey &&
        event.key.toLowerCase() === "k";
      const slash =
        event.key === "/" &&
        !event.ctrlKey &&
        !event.metaKey &&
        !event.altKey &&
        !typingIn(event.target);
      if (!commandK && !slash) return;
      // Another dialog (a confirmation, a form) keeps the keyboard.
      if (document.querySelector("dialog[open]:not([data-command-menu])")) return;
      event.preventDefault();
      show();
    };
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, [show]);

  return (
    <>
      <button
        type="button"
        onClick={show}
        onPointerEnter={() => void loadDialog()}
        onFocus={() => void loadDialog()}
        aria-haspopup="dialog"
        aria-keyshortcuts="Control+K Meta+K /"
        className="flex min-h-9 items-center gap-2 rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm text-slate-600 hover:bg-slate-100 sm:min-w-52 sm:px-3"
      >
        <Search aria-hidden className="size-4" />
        <span className="sr-only sm:not-sr-only">Search…</span>
        <kbd className="ml-auto hidden rounded border border-slate-300 bg-slate-50 px-1.5 font-sans text-xs text-slate-500 sm:inline">
          <span className="sr-only">shortcut </span>
          {mac ? "⌘ K" : "Ctrl K"}
        </kbd>
      </button>
      {loaded && <CommandMenuDialog open={open} onClose={close} pages={pages} />}
    </>
  );
}
