"use client";

import { at, TextField } from "./fields";

/** A person the plan names: who they are and how to reach them when email and the office phones may be down. */
export function PersonFields({
  name,
  legend,
  hint,
}: {
  name: string;
  legend: string;
  hint?: string;
}) {
  return (
    <fieldset className="rounded-md border border-slate-200 p-4">
      <legend className="px-1 text-sm font-semibold text-slate-800">{legend}</legend>
      {hint && <p className="mb-3 text-xs text-slate-500">{hint}</p>}
      <div className="grid gap-3 sm:grid-cols-2">
        <TextField name={at(name, "name")} label="Name" />
        <TextField
          name={at(name, "role")}
          label="Role"
          hint="For example office manager, lead MA."
        />
        <TextField
          name={at(name, "phone")}
          label="Phone"
          type="tel"
          inputMode="tel"
          hint="A mobile number works when the office phones do not."
        />
        <TextField name={at(name, "altPhone")} label="Alternate phone" type="tel" inputMode="tel" />
        <div className="sm:col-span-2">
          <TextField name={at(name, "email")} label="Email" type="email" inputMode="email" />
        </div>
      </div>
    </fieldset>
  );
}
