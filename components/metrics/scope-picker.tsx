import { buttonClass } from "@/components/ui/button";

export type ScopeOption = { id: string; name: string };

const inputClass =
  "block min-h-10 w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm";

/**
 * All practices in scope, or one: plain GET forms, so the choice lives in the URL and works before
 * any script has loaded. An MSP with more practices than one list shows finds them by name first.
 */
export function ScopePicker({
  practices,
  total,
  search,
  practiceId,
  allLabel,
}: {
  /** The practices offered (at most a page of them, those matching `search`). */
  practices: ScopeOption[];
  /** How many practices match `search` in all. */
  total: number;
  search: string;
  practiceId: string | null;
  allLabel: string;
}) {
  const needsSearch = search !== "" || total > practices.length;
  return (
    <div className="flex flex-col gap-3">
      {needsSearch && (
        <form
          action="/metrics"
          role="search"
          aria-label="Find a practice"
          className="flex flex-col gap-2 sm:flex-row sm:items-end"
        >
          <div className="sm:min-w-72">
            <label htmlFor="metrics-find" className="mb-1 block text-sm font-medium">
              Find a practice
            </label>
            <input
              id="metrics-find"
              name="find"
              type="search"
              defaultValue={search}
              maxLength={100}
              placeholder="Part of its name"
              className={inputClass}
            />
          </div>
          {practiceId && <input type="hidden" name="practice" value={practiceId} />}
          <button type="submit" className={buttonClass("secondary")}>
            Find
          </button>
        </form>
      )}
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
            className={inputClass}
          >
            <option value="">{allLabel}</option>
            {practices.map((practice) => (
              <option key={practice.id} value={practice.id}>
                {practice.name}
              </option>
            ))}
          </select>
          {needsSearch && (
            <p className="mt-1 text-xs text-slate-600">
              {total === 0
                ? `No practice is named like “${search}”.`
                : total > practices.length
                  ? `The first ${practices.length} of ${total.toLocaleString("en-US")} practices${search ? ` named like “${search}”` : ""}, by name: find one by part of its name.`
                  : `${total} ${total === 1 ? "practice" : "practices"} named like “${search}”.`}
            </p>
          )}
        </div>
        {search && <input type="hidden" name="find" value={search} />}
        <button type="submit" className={buttonClass("secondary")}>
          Show figures
        </button>
      </form>
    </div>
  );
}
