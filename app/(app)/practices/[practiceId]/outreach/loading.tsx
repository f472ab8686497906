import { Skeleton, TableSkeleton } from "@/components/ui/skeleton";

export default function Loading() {
  return (
    <div role="status" aria-label="Loading the practice's patient messages" className="space-y-4">
      <Skeleton className="h-8 w-72" />
      <Skeleton className="h-12 w-full max-w-xl" />
      <TableSkeleton rows={6} />
    </div>
  );
}
