import Link from "next/link";

/** "Reviews & risks" holds two pages: the quarterly reviews and the risk register. */
export function ReviewsNav({ practiceId, current }: { practiceId: string; current: "reviews" | "risks" }) {
  const items = [
    { key: "reviews", label: "Reviews", href: `/practices/${practiceId}/reviews` },
    { key: "risks", label: "Risk register", href: `/practices/${practiceId}/risks` },
  ] as const;
  return (
    <nav aria-label="Reviews and risks" className="mb-4">
      <ul className="inline-flex rounded-md border border-slate-300 bg-white p-0.5 text-sm">
        {items.map((item) => {
          const isCurrent = item.key === current;
          return (
            <li key={item.key}>
              <Link
                href={item.href}
                aria-current={isCurrent ? "page" : undefined}
                className={`inline-flex min-h-9 items-center rounded px-3 py-1.5 ${isCurrent ? "bg-slate-800 font-semibold text-white" : "font-medium text-slate-700 hover:bg-slate-100"}`}
              >
                {item.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
