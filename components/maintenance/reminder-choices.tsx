import { REMINDER_CHOICES } from "@/server/contracts/maintenance";

/** The reminders to staff before a window, as checkboxes (72 h, 24 h, 1 h…). */
export function ReminderChoices({
  value,
  onChange,
}: {
  value: number[];
  onChange: (next: number[]) => void;
}) {
  return (
    <fieldset className="space-y-1">
      <legend className="text-sm font-medium text-slate-800">Reminders to staff</legend>
      <div className="grid gap-1 sm:grid-cols-3">
        {REMINDER_CHOICES.map(([minutes, label]) => (
          <label key={minutes} className="flex min-h-10 items-center gap-2 text-sm">
            <input
              type="checkbox"
              className="size-4"
              checked={value.includes(minutes)}
              onChange={(event) =>
                onChange(
                  event.target.checked
                    ? [...value, minutes]
                    : value.filter((other) => other !== minutes),
                )
              }
            />
            {label}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
