import { Skeleton } from "@/components/ui/skeleton";

export function ReviewScheduleSkeleton() {
  return (
    <div role="status" aria-label="Loading reviews" className="space-y-6">
      <div className="space-y-3 rounded-lg border border-slate-200 bg-white p-5">
        <Skeleton className="h-4 w-28" />
        <Skeleton className="h-7 w-64" />
        <Skeleton className="h-4 w-full max-w-xl" />
      </div>
      <Skeleton className="h-6 w-48" />
      <div className="space-y-2 rounded-lg border border-slate-200 bg-white p-4">
        <Skeleton className="h-8 w-full" />
        <Skeleton className="h-8 w-full" />
      </div>
    </div>
  );
}

export function ReviewSkeleton() {
  return (
    <div
      role="status"
      aria-label="Loading the review"
      className="grid items-start gap-5 lg:grid-cols-[minmax(0,1fr)_20rem]"
    >
      <div className="space-y-3 rounded-lg border border-slate-200 bg-white p-5">
        <Skeleton className="h-6 w-40" />
        {Array.from({ length: 8 }, (_, index) => (
          <Skeleton key={index} className="h-9 w-full" />
        ))}
      </div>
      <div className="space-y-3 rounded-lg border border-slate-200 bg-white p-5">
        <Skeleton className="h-6 w-48" />
        <Skeleton className="h-4 w-full" />
        <Skeleton className="h-4 w-5/6" />
        <Skeleton className="h-4 w-2/3" />
      </div>
    </div>
  );
}
