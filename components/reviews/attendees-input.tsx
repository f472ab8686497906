"use client";

import { Plus, X } from "lucide-react";
import { useId, useRef, useState } from "react";
import { Button } from "@/components/ui/button";

const MAX_ATTENDEES = 30;

/** Who took part: names added one at a time and removed again; Enter adds the typed name. */
export function AttendeesInput({
  value,
  onChange,
  error,
}: {
  value: string[];
  onChange: (value: string[]) => void;
  error?: string;
}) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [name, setName] = useState("");
  const [problem, setProblem] = useState<string | null>(null);

  function add() {
    const trimmed = name.trim().replace(/\s+/g, " ");
    if (!trimmed) return setProblem("Type a name first.");
    if (trimmed.length > 120) return setProblem("Names are at most 120 characters.");
    if (value.some((existing) => existing.toLowerCase() === trimmed.toLowerCase()))
      return setProblem(`${trimmed} is already listed.`);
    if (value.length >= MAX_ATTENDEES) return setProblem(`At most ${MAX_ATTENDEES} attendees.`);
    onChange([...value, trimmed]);
    setName("");
    setProblem(null);
    input.current?.focus();
  }

  function remove(index: number) {
    onChange(value.filter((_, at) => at !== index));
    input.current?.focus();
  }

  const message = problem ?? error;
  return (
    <div className="space-y-2">
      {value.length === 0 ? (
        <p className="text-sm text-slate-600">
          Nobody added yet. Sign-off needs at least one attendee.
        </p>
      ) : (
        <ul aria-label="Attendees" className="flex flex-wrap gap-2">
          {value.map((attendee, index) => (
            <li
              key={`${attendee}-${index}`}
              className="inline-flex items-center gap-1 rounded-full border border-slate-300 bg-slate-50 py-0.5 pl-2.5 pr-1 text-sm"
            >
              {attendee}
              <button
                type="button"
                onClick={() => remove(index)}
                className="rounded-full p-1 text-slate-600 hover:bg-slate-200 hover:text-slate-900"
                aria-label={`Remove ${attendee}`}
              >
                <X aria-hidden className="size-3.5" />
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="flex flex-col gap-2 sm:flex-row sm:items-end">
        <div className="flex-1 space-y-1">
          <label htmlFor={id} className="block text-sm font-medium text-slate-800">
            Attendee name
          </label>
          <input
            ref={input}
            id={id}
            value={name}
            maxLength={200}
            autoComplete="off"
            aria-invalid={Boolean(message)}
            aria-describedby={message ? `${id}-error` : `${id}-hint`}
            onChange={(event) => setName(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === "Enter") {
                event.preventDefault();
                add();
              }
            }}
            placeholder="e.g. Jamie Torres (office manager)"
            className="block min-h-10 w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm placeholder:text-slate-400 focus:border-brand-600 aria-[invalid=true]:border-red-600"
          />
        </div>
        <Button variant="secondary" onClick={add}>
          <Plus aria-hidden className="size-4" /> Add attendee
        </Button>
      </div>
      {message ? (
        <p id={`${id}-error`} role="alert" className="text-sm text-red-700">
          {message}
        </p>
      ) : (
        <p id={`${id}-hint`} className="text-xs text-slate-500">
          Everyone who took part: the MSP, the practice manager, a practising clinician.
        </p>
      )}
    </div>
  );
}
