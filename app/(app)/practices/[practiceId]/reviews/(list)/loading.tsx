import { ReviewScheduleSkeleton } from "@/components/reviews/skeletons";
import { Skeleton } from "@/components/ui/skeleton";

export default function Loading() {
  return (
    <div role="status" aria-label="Loading the practice's reviews" className="space-y-4">
      <Skeleton className="h-8 w-72" />
      <Skeleton className="h-4 w-96 max-w-full" />
      <ReviewScheduleSkeleton />
    </div>
  );
}
