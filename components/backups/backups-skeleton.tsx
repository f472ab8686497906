import { Skeleton } from "@/components/ui/skeleton";

/** The shape of the backups overview while it loads: a summary line and two system cards. */
export function BackupsSkeleton() {
  return (
    <div role="status" aria-label="Loading backups" className="space-y-4">
      <Skeleton className="h-5 w-64" />
      <div className="grid gap-4 xl:grid-cols-2">
        {[0, 1].map((index) => (
          <div key={index} className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
            <Skeleton className="h-6 w-48" />
            <Skeleton className="h-4 w-full" />
            <Skeleton className="h-4 w-3/4" />
            <Skeleton className="h-4 w-2/3" />
          </div>
        ))}
      </div>
    </div>
  );
}
