import Link from "@/components/ui/link";

/** "Reviews & risks" holds two pages: the quarterly reviews and the risk register. */
export function ReviewsNav({
  practiceId,
  current,
}: {
  practiceId: string;
  current: "reviews" | "risks";
}) {
  const items = [
    { key: "reviews", label: "Reviews", href: `/practices/${practiceId}/reviews` },
    { key: "risks", label: "Risk register", href: `/practices/${practiceId}/risks` },
  ] as const;
  return (
    <nav aria-label="Reviews and risks" className="mb-4 border-b border-slate-200">
      <ul className="flex gap-4 text-sm">
        {items.map((item) => {
          const isCurrent = item.key === current;
          return (
            <li key={item.key}>
              <Link
                href={item.href}
                aria-current={isCurrent ? "page" : undefined}
                className={`-mb-px inline-flex min-h-9 items-center border-b-2 px-0.5 py-1.5 ${
                  isCurrent
                    ? "border-slate-800 font-semibold text-slate-900"
                    : "border-transparent font-medium text-slate-600 hover:border-slate-300 hover:text-slate-900"
                }`}
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
