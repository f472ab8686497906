"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Loader2, Search } from "lucide-react";
import { useRouter } from "next/navigation";
import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from "react";
import { useTRPC } from "@/components/trpc/client";
import type { SearchItem, SearchResults } from "@/server/contracts/search";
import type { MenuPage } from "./command-menu";

/** How long typing pauses before the menu asks the server. */
const DEBOUNCE_MS = 120;
const MAX_QUERY = 100;

const groupLabels: [keyof SearchResults, string][] = [
  ["practices", "Practices"],
  ["actions", "Actions"],
  ["incidents", "Incidents"],
  ["systems", "Systems"],
  ["vendors", "Vendors and contacts"],
  ["pages", "Pages"],
];

type Group = { key: string; label: string; items: SearchItem[] };

/**
 * The command menu: a combobox whose list shows what the server found as the person types (after a
 * short pause; an answer for older text is never shown for newer text), grouped, with the arrow keys
 * moving through every line, Enter opening it and Escape closing the menu.
 */
export function CommandMenuDialog({
  open,
  onClose,
  pages,
}: {
  open: boolean;
  onClose: () => void;
  pages: MenuPage[];
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const dialog = useRef<HTMLDialogElement>(null);
  const input = useRef<HTMLInputElement>(null);
  const listId = useId();
  const labelId = useId();
  const [text, setText] = useState("");
  const [asked, setAsked] = useState("");
  const [selection, setSelection] = useState({ of: "", index: 0 });

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) {
      element.showModal();
      input.current?.focus();
      input.current?.select();
    }
    if (!open && element.open) element.close();
  }, [open]);

  useEffect(() => {
    const timer = setTimeout(() => setAsked(text.trim()), DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text]);

  const query = useQuery({
    ...trpc.search.find.queryOptions({ q: asked }),
    enabled: open && asked.length > 0,
    placeholderData: keepPreviousData,
    staleTime: 15_000,
    retry: false,
  });

  const typed = text.trim();
  // Results are shown only for the text they answer (a slower, older answer waits behind the newer one).
  const answer =
    typed && query.data && asked === typed && !query.isPlaceholderData ? query.data : null;
  const waiting = typed.length > 0 && !answer && !query.isError;

  const groups: Group[] = useMemo(() => {
    if (!typed)
      return [
        {
          key: "pages",
          label: "Pages",
          items: pages.map((page) => ({
            id: `page:${page.href}`,
            title: page.label,
            detail: "Page",
            href: page.href,
          })),
        },
      ];
    if (!answer) return [];
    return groupLabels
      .map(([key, label]) => ({ key, label, items: answer[key] }))
      .filter((group) => group.items.length > 0);
  }, [typed, answer, pages]);
  const items = groups.flatMap((group) => group.items);
  // The highlighted line, back to the first whenever the list answers other text.
  const listKey = `${typed}\u0000${answer ? "answer" : "none"}`;
  const activeIndex =
    selection.of === listKey ? Math.min(selection.index, Math.max(items.length - 1, 0)) : 0;
  const setActive = (index: number) => setSelection({ of: listKey, index });
  const starts = groups.map((_, at) =>
    groups.slice(0, at).reduce((total, group) => total + group.items.length, 0),
  );
  const optionId = (index: number) => `${listId}-option-${index}`;

  useEffect(() => {
    if (!items.length) return;
    document.getElementById(optionId(activeIndex))?.scrollIntoView({ block: "nearest" });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [activeIndex, items.length]);

  const go = (item: SearchItem | undefined) => {
    if (!item) return;
    onClose();
    setText("");
    router.push(item.href);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      if (!items.length) return;
      const step = event.key === "ArrowDown" ? 1 : -1;
      setActive((activeIndex + step + items.length) % items.length);
    } else if (event.key === "Home" && event.ctrlKey) {
      setActive(0);
    } else if (event.key === "End" && event.ctrlKey) {
      setActive(items.length - 1);
    } else if (event.key === "Enter") {
      event.preventDefault();
      go(items[activeIndex]);
    }
  };

  return (
    <dialog
      ref={dialog}
      data-command-menu
      aria-labelledby={labelId}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
      onClose={() => {
        if (open) onClose();
      }}
      onClick={(event) => {
        // A click on the backdrop (the dialog element itself, outside its panel) closes it.
        if (event.target === event.currentTarget) onClose();
      }}
      className="mx-auto mt-[10dvh] w-[min(40rem,calc(100vw-1rem))] rounded-lg p-0 text-slate-900 shadow-xl backdrop:bg-slate-900/40"
    >
      <div className="flex flex-col">
        <h2 id={labelId} className="sr-only">
          Search Standby
        </h2>
        <div className="flex items-center gap-2 border-b border-slate-200 px-4">
          <Search aria-hidden className="size-4 shrink-0 text-slate-400" />
          <input
            ref={input}
            type="text"
            role="combobox"
            aria-expanded={items.length > 0}
            aria-controls={listId}
            aria-autocomplete="list"
            aria-activedescendant={items.length ? optionId(activeIndex) : undefined}
            aria-labelledby={labelId}
            aria-describedby={`${listId}-status`}
            autoComplete="off"
            spellCheck={false}
            maxLength={MAX_QUERY}
            value={text}
            onChange={(event) => setText(event.target.value)}
            onKeyDown={onKeyDown}
            placeholder="Practices, systems, vendors, phones, incidents, pages…"
            className="min-h-12 w-full border-0 bg-transparent text-base outline-none focus:ring-0"
          />
          {waiting && (
            <Loader2 aria-hidden className="size-4 shrink-0 animate-spin text-slate-400" />
          )}
          <kbd className="hidden rounded border border-slate-300 px-1.5 text-xs text-slate-500 sm:inline">
            Esc
          </kbd>
        </div>
        <div
          id={listId}
          role="listbox"
          aria-labelledby={labelId}
          className="max-h-[min(60dvh,28rem)] overflow-y-auto p-2"
        >
          {groups.map((group, groupAt) => (
            <div key={group.key} role="group" aria-labelledby={`${listId}-${group.key}`}>
              <div
                id={`${listId}-${group.key}`}
                role="presentation"
                className="px-2 pb-1 pt-2 text-xs font-semibold uppercase tracking-wide text-slate-500"
              >
                {group.label}
              </div>
              {group.items.map((item, itemAt) => {
                const position = starts[groupAt]! + itemAt;
                const selected = position === activeIndex;
                return (
                  <div
                    key={item.id}
                    id={optionId(position)}
                    role="option"
                    aria-selected={selected}
                    onMouseMove={() => {
                      if (!selected) setActive(position);
                    }}
                    onClick={() => go(item)}
                    className={`cursor-pointer rounded-md px-2 py-2 text-sm ${selected ? "bg-brand-100 text-brand-900" : "text-slate-800"}`}
                  >
                    <span className="block truncate font-medium">{item.title}</span>
                    <span className="block truncate text-xs text-slate-500">{item.detail}</span>
                  </div>
                );
              })}
            </div>
          ))}
        </div>
        <p
          id={`${listId}-status`}
          role="status"
          className="border-t border-slate-200 px-4 py-2 text-sm text-slate-600 empty:hidden"
        >
          {!typed
            ? "Type to find practices, systems, vendors and contacts (by name or phone), incidents and pages."
            : query.isError && asked === typed
              ? query.error.message
              : waiting
                ? "Searching…"
                : items.length === 0
                  ? `No results for “${typed}”.`
                  : `${items.length} result${items.length === 1 ? "" : "s"}. Arrow keys to choose, Enter to open.`}
        </p>
      </div>
    </dialog>
  );
}
