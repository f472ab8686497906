import type { LucideIcon } from "lucide-react";
import type { ReactNode } from "react";

/** One section of the incident room: a titled card that the in-page links can jump to. */
export function Panel({
  id,
  title,
  icon: Icon,
  actions,
  children,
  className = "",
}: {
  id: string;
  title: string;
  icon: LucideIcon;
  actions?: ReactNode;
  children: ReactNode;
  className?: string;
}) {
  return (
    <section
      id={id}
      aria-labelledby={`${id}-heading`}
      className={`scroll-mt-4 rounded-lg border border-slate-200 bg-white p-4 sm:p-5 ${className}`}
    >
      <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
        <h2
          id={`${id}-heading`}
          className="flex items-center gap-2 text-lg font-semibold text-slate-900"
        >
          <Icon aria-hidden className="size-5 text-slate-500" />
          {title}
        </h2>
        {actions && <div className="flex flex-wrap items-center gap-2">{actions}</div>}
      </div>
      {children}
    </section>
  );
}
