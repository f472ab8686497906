import { Skeleton, TableSkeleton } from "@/components/ui/skeleton";

export default function Loading() {
  return (
    <div
      role="status"
      aria-label="Loading the practice's maintenance windows"
      className="space-y-4"
    >
      <Skeleton className="h-8 w-72" />
      <TableSkeleton rows={4} />
    </div>
  );
}
