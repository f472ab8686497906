import Link from "@/components/ui/link";

/** Previous / next links that keep the other query parameters. */
export function Pagination({
  page,
  pageSize,
  total,
  hrefFor,
}: {
  page: number;
  pageSize: number;
  total: number;
  hrefFor: (page: number) => string;
}) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1) return null;
  const link = "rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-100";
  return (
    <nav aria-label="Pages" className="mt-4 flex items-center justify-between gap-2 text-sm">
      <span className="text-slate-600">
        Page {page} of {pages} · {total} in all
      </span>
      <span className="flex gap-2">
        {page > 1 && (
          <Link className={link} href={hrefFor(page - 1)} rel="prev">
            Previous
          </Link>
        )}
        {page < pages && (
          <Link className={link} href={hrefFor(page + 1)} rel="next">
            Next
          </Link>
        )}
      </span>
    </nav>
  );
}
