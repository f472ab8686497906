import type { LucideIcon } from "lucide-react";
import type { ReactNode } from "react";

export function EmptyState({
  icon: Icon,
  title,
  children,
}: {
  icon: LucideIcon;
  title: string;
  children?: ReactNode;
}) {
  return (
    <div className="rounded-lg border border-dashed border-slate-300 bg-white px-6 py-10 text-center">
      <Icon aria-hidden className="mx-auto size-8 text-slate-400" />
      <h2 className="mt-2 text-base font-semibold text-slate-800">{title}</h2>
      {children && <div className="mt-1 text-sm text-slate-600">{children}</div>}
    </div>
  );
}
