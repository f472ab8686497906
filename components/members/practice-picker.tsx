"use client";

import { useQuery } from "@tanstack/react-query";
import { X } from "lucide-react";
import { useId, useState } from "react";
import { useTRPC } from "@/components/trpc/client";

/** Choose practices by searching their names; the chosen ones show as removable chips. */
export function PracticePicker({
  value,
  onChange,
  knownNames = {},
  error,
}: {
  value: string[];
  onChange: (next: string[]) => void;
  knownNames?: Record<string, string>;
  error?: string;
}) {
  const trpc = useTRPC();
  const id = useId();
  const [search, setSearch] = useState("");
  const [names, setNames] = useState(knownNames);
  const results = useQuery(
    trpc.practices.list.queryOptions({ search, pageSize: 8, page: 1, archived: false }),
  );
  const chosen = new Set(value);
  const choose = (practice: { id: string; name: string }, on: boolean) => {
    setNames((current) => ({ ...current, [practice.id]: practice.name }));
    onChange(on ? [...value, practice.id] : value.filter((item) => item !== practice.id));
  };

  return (
    <div className="space-y-2">
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        Practices they may see
      </label>
      {value.length > 0 && (
        <ul className="flex flex-wrap gap-1.5" aria-label="Chosen practices">
          {value.map((practiceId) => (
            <li
              key={practiceId}
              className="inline-flex items-center gap-1 rounded-full bg-brand-100 py-0.5 pl-2.5 pr-1 text-sm text-brand-800"
            >
              {names[practiceId] ?? "Practice"}
              <button
                type="button"
                className="rounded-full p-0.5 hover:bg-brand-50"
                onClick={() => onChange(value.filter((item) => item !== practiceId))}
                aria-label={`Remove ${names[practiceId] ?? "practice"}`}
              >
                <X aria-hidden className="size-3.5" />
              </button>
            </li>
          ))}
        </ul>
      )}
      <input
        id={id}
        type="search"
        value={search}
        maxLength={100}
        onChange={(event) => setSearch(event.target.value)}
        placeholder="Search practices to add"
        aria-invalid={Boolean(error)}
        className="block min-h-10 w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm aria-[invalid=true]:border-red-600"
      />
      <ul
        className="max-h-48 overflow-y-auto rounded-md border border-slate-200"
        aria-label="Matching practices"
      >
        {results.isPending && (
          <li className="px-3 py-2 text-sm text-slate-500">Loading practices…</li>
        )}
        {results.data?.items.length === 0 && (
          <li className="px-3 py-2 text-sm text-slate-500">No practice matches.</li>
        )}
        {results.data?.items.map((practice) => (
          <li key={practice.id}>
            <label className="flex cursor-pointer items-center gap-2 px-3 py-2 text-sm hover:bg-slate-50">
              <input
                type="checkbox"
                className="size-4 accent-brand-700"
                checked={chosen.has(practice.id)}
                onChange={(event) => choose(practice, event.target.checked)}
              />
              {practice.name}
            </label>
          </li>
        ))}
      </ul>
      {error && (
        <p className="text-sm text-red-700" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
