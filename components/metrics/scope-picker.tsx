import { buttonClass } from "@/components/ui/button";

export type ScopeOption = { id: string; name: string };

/** All practices in scope, or one: a plain GET form, so the choice lives in the URL and works before any script has loaded. */
export function ScopePicker({
  practices,
  practiceId,
  allLabel,
}: {
  practices: ScopeOption[];
  practiceId: string | null;
  allLabel: string;
}) {
  return (
    <form
      action="/metrics"
      aria-label="Scope of the figures"
      className="flex flex-col gap-2 sm:flex-row sm:items-end"
    >
      <div className="sm:min-w-72">
        <label htmlFor="metrics-practice" className="mb-1 block text-sm font-medium">
          Practices
        </label>
        <select
          id="metrics-practice"
          name="practice"
          defaultValue={practiceId ?? ""}
          className="block min-h-10 w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm"
        >
          <option value="">{allLabel}</option>
          {practices.map((practice) => (
            <option key={practice.id} value={practice.id}>
              {practice.name}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className={buttonClass("secondary")}>
        Show figures
      </button>
    </form>
  );
}
