import { Skeleton } from "@/components/ui/skeleton";

export function MetricsSkeleton() {
  return (
    <div role="status" aria-label="Loading the figures" className="space-y-4">
      <div className="grid gap-4 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-3">
        {Array.from({ length: 3 }, (_, index) => (
          <Skeleton key={index} className="h-28 w-full" />
        ))}
      </div>
      <Skeleton className="h-20 w-full" />
      {Array.from({ length: 3 }, (_, index) => (
        <div key={index} className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
          <Skeleton className="h-5 w-56" />
          <Skeleton className="h-16 w-full" />
          <Skeleton className="h-52 w-full" />
        </div>
      ))}
    </div>
  );
}
