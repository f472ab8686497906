import Link from "@/components/ui/link";
import { buttonClass } from "@/components/ui/button";
import { FilterForm } from "@/components/ui/filter-form";
import { statusFilters, type IncidentFilters } from "./filters";

export type FilterOption = { id: string; name: string };

const control =
  "block min-h-10 w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm";
const label = "mb-1 block text-sm font-medium";

/**
 * Status, practice, vendor and date filters as a plain GET form: the filters live in the URL, so a
 * filtered list can be shared or bookmarked, and the form works before any script has loaded.
 */
export function IncidentFiltersForm({
  action,
  filters,
  practices,
  vendors,
}: {
  action: string;
  filters: IncidentFilters;
  /** Omitted on a practice's own incident list. */
  practices?: FilterOption[];
  vendors: FilterOption[];
}) {
  return (
    <FilterForm
      action={action}
      role="search"
      actionsClassName="col-span-2 flex gap-2 lg:col-span-1"
      actions={
        <Link href={action} className={buttonClass("ghost", "flex-1")}>
          Clear
        </Link>
      }
      aria-label="Filter incidents"
      className={`mb-4 grid grid-cols-2 gap-3 rounded-lg border border-slate-200 bg-white p-4 lg:items-end ${practices ? "lg:grid-cols-6" : "lg:grid-cols-5"}`}
    >
      <div>
        <label htmlFor="incident-status" className={label}>
          Status
        </label>
        <select
          id="incident-status"
          name="status"
          defaultValue={filters.status}
          className={control}
        >
          {statusFilters.map(([value, text]) => (
            <option key={value} value={value}>
              {text}
            </option>
          ))}
        </select>
      </div>
      {practices && (
        <div>
          <label htmlFor="incident-practice" className={label}>
            Practice
          </label>
          <select
            id="incident-practice"
            name="practice"
            defaultValue={filters.practiceId ?? ""}
            className={control}
          >
            <option value="">All practices</option>
            {practices.map((practice) => (
              <option key={practice.id} value={practice.id}>
                {practice.name}
              </option>
            ))}
          </select>
        </div>
      )}
      <div className={practices ? "col-span-2 lg:col-span-1" : ""}>
        <label htmlFor="incident-vendor" className={label}>
          Vendor
        </label>
        <select
          id="incident-vendor"
          name="vendor"
          defaultValue={filters.vendorId ?? ""}
          className={control}
        >
          <option value="">Any vendor</option>
          {vendors.map((vendor) => (
            <option key={vendor.id} value={vendor.id}>
              {vendor.name}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="incident-from" className={label}>
          Started from
        </label>
        <input
          id="incident-from"
          name="from"
          type="date"
          defaultValue={filters.from}
          className={control}
        />
      </div>
      <div>
        <label htmlFor="incident-to" className={label}>
          Started until
        </label>
        <input
          id="incident-to"
          name="to"
          type="date"
          defaultValue={filters.to}
          className={control}
        />
      </div>
    </FilterForm>
  );
}
