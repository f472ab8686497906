import { Archive, Building, RefreshCw } from "lucide-react";

export function PracticeFlags({
  isNewOffice,
  isMigrating,
  archived,
}: {
  isNewOffice: boolean;
  isMigrating: boolean;
  archived?: boolean;
}) {
  const badge = "inline-flex items-center gap-1 rounded-full px-2 py-0.5 text-xs font-medium";
  return (
    <span className="flex flex-wrap gap-1">
      {isNewOffice && (
        <span className={`${badge} bg-amber-100 text-amber-900`}>
          <Building aria-hidden className="size-3" /> New office
        </span>
      )}
      {isMigrating && (
        <span className={`${badge} bg-violet-100 text-violet-900`}>
          <RefreshCw aria-hidden className="size-3" /> Migrating
        </span>
      )}
      {archived && (
        <span className={`${badge} bg-slate-200 text-slate-700`}>
          <Archive aria-hidden className="size-3" /> Archived
        </span>
      )}
    </span>
  );
}
