export function Skeleton({ className = "" }: { className?: string }) {
  return <div aria-hidden className={`animate-pulse rounded bg-slate-200 ${className}`} />;
}

export function TableSkeleton({ rows = 5 }: { rows?: number }) {
  return (
    <div
      role="status"
      aria-label="Loading"
      className="space-y-2 rounded-lg border border-slate-200 bg-white p-4"
    >
      {Array.from({ length: rows }, (_, index) => (
        <Skeleton key={index} className="h-8 w-full" />
      ))}
    </div>
  );
}

/**
 * A page's place while it loads: its heading's and description's shapes, then cards or a table. In
 * a loading.tsx, so a tapped tab shows this at once instead of the old page or a blank area.
 */
export function PageSkeleton({
  label,
  cards = 0,
  rows = 5,
}: {
  /** "Loading the practice's plan": what assistive technology announces. */
  label: string;
  /** Cards in a row above the table (an overview's figures). */
  cards?: number;
  rows?: number;
}) {
  return (
    <div role="status" aria-label={label} className="space-y-4">
      <Skeleton className="h-8 w-72 max-w-full" />
      <Skeleton className="h-4 w-96 max-w-full" />
      {cards > 0 && (
        <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          {Array.from({ length: cards }, (_, index) => (
            <Skeleton key={index} className="h-28 w-full" />
          ))}
        </div>
      )}
      {rows > 0 && <TableSkeleton rows={rows} />}
    </div>
  );
}
