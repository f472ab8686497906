import { Skeleton, TableSkeleton } from "@/components/ui/skeleton";

export default function Loading() {
  return (
    <div role="status" aria-label="Loading the risk" className="space-y-4">
      <Skeleton className="h-8 w-72" />
      <Skeleton className="h-5 w-32" />
      <TableSkeleton rows={6} />
    </div>
  );
}
