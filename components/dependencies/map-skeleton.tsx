import { Skeleton, TableSkeleton } from "@/components/ui/skeleton";

/** What the dependency map looks like while it loads. */
export function MapSkeleton({ withHeader = false }: { withHeader?: boolean }) {
  return (
    <div role="status" aria-label="Loading the dependency map" className="space-y-4">
      {withHeader && <Skeleton className="h-8 w-72" />}
      <Skeleton className="h-5 w-96 max-w-full" />
      <div className="grid gap-4 md:grid-cols-2">
        <Skeleton className="h-40 w-full" />
        <Skeleton className="h-40 w-full" />
      </div>
      <TableSkeleton rows={6} />
    </div>
  );
}
