"use client";

import { ClipboardCheck, ShieldAlert } from "lucide-react";
import Link from "@/components/ui/link";
import { usePathname } from "next/navigation";

/** Reviews and the risk register share a tab: this switches between them. */
export function ReviewsNav({ practiceId }: { practiceId: string }) {
  const pathname = usePathname();
  const base = `/practices/${practiceId}`;
  const links = [
    {
      label: "Reviews",
      href: `${base}/reviews`,
      icon: ClipboardCheck,
      current: pathname.startsWith(`${base}/reviews`),
    },
    {
      label: "Risk register",
      href: `${base}/risks`,
      icon: ShieldAlert,
      current: pathname.startsWith(`${base}/risks`),
    },
  ];
  return (
    <nav aria-label="Reviews and risks" className="mb-5">
      <ul className="inline-flex gap-1 rounded-lg border border-slate-200 bg-white p-1">
        {links.map(({ label, href, icon: Icon, current }) => (
          <li key={href}>
            <Link
              href={href}
              aria-current={current ? "page" : undefined}
              className={`inline-flex min-h-9 items-center gap-1.5 rounded-md px-3 py-1.5 text-sm ${
                current
                  ? "bg-brand-700 font-semibold text-white"
                  : "font-medium text-slate-700 hover:bg-slate-100"
              }`}
            >
              <Icon aria-hidden className="size-4" />
              {label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
