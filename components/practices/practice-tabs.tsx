"use client";

import {
  Activity,
  CalendarDays,
  ClipboardCheck,
  ClipboardList,
  Contact,
  DatabaseBackup,
  LayoutDashboard,
  Network,
  Siren,
  Timer,
  Wrench,
} from "lucide-react";
import Link from "@/components/ui/link";
import { usePathname } from "next/navigation";
import { useEffect, useRef } from "react";

/** The tabs of a practice's pages. The current tab is marked by an underline, weight and aria-current, not colour alone. */
export function PracticeTabs({ practiceId }: { practiceId: string }) {
  const pathname = usePathname();
  const currentTab = useRef<HTMLAnchorElement>(null);
  // On a phone the tab bar scrolls sideways: keep the current tab (e.g. Incidents, last) in view.
  useEffect(() => {
    currentTab.current?.scrollIntoView({ block: "nearest", inline: "nearest" });
  }, [pathname]);
  const base = `/practices/${practiceId}`;
  const tabs = [
    {
      label: "Overview",
      href: base,
      icon: LayoutDashboard,
      current: pathname === base || pathname === `${base}/edit`,
    },
    {
      label: "Plan",
      href: `${base}/plan`,
      icon: ClipboardList,
      current: pathname === `${base}/plan` || pathname.startsWith(`${base}/plan/`),
    },
    {
      label: "Dependencies",
      href: `${base}/dependencies`,
      icon: Network,
      current: pathname.startsWith(`${base}/dependencies`),
    },
    {
      label: "Monitors",
      href: `${base}/monitors`,
      icon: Activity,
      current: pathname.startsWith(`${base}/monitors`),
    },
    {
      label: "Vendors",
      href: `${base}/vendors`,
      icon: Contact,
      current: pathname.startsWith(`${base}/vendors`),
    },
    {
      label: "Backups",
      href: `${base}/backups`,
      icon: DatabaseBackup,
      current: pathname.startsWith(`${base}/backups`),
    },
    {
      label: "Reviews & risks",
      href: `${base}/reviews`,
      icon: ClipboardCheck,
      current: pathname.startsWith(`${base}/reviews`) || pathname.startsWith(`${base}/risks`),
    },
    {
      label: "Drills",
      href: `${base}/drills`,
      icon: Timer,
      current: pathname.startsWith(`${base}/drills`),
    },
    {
      label: "Maintenance",
      href: `${base}/maintenance`,
      icon: Wrench,
      current: pathname.startsWith(`${base}/maintenance`),
    },
    {
      label: "Schedule",
      href: `${base}/schedule`,
      icon: CalendarDays,
      // Patient outreach works from the schedule copy: its pages sit under this tab.
      current: pathname.startsWith(`${base}/schedule`) || pathname.startsWith(`${base}/outreach`),
    },
    {
      label: "Incidents",
      href: `${base}/incidents`,
      icon: Siren,
      current: pathname.startsWith(`${base}/incidents`),
    },
  ];
  return (
    <nav aria-label="Practice" className="-mt-2 mb-5 border-b border-slate-200">
      <ul className="flex gap-1 overflow-x-auto overscroll-x-contain">
        {tabs.map(({ label, href, icon: Icon, current }) => (
          <li key={href} className="shrink-0">
            <Link
              href={href}
              ref={current ? currentTab : undefined}
              aria-current={current ? "page" : undefined}
              className={`-mb-px inline-flex min-h-10 items-center gap-1.5 border-b-2 px-3 py-2 text-sm whitespace-nowrap ${
                current
                  ? "border-brand-700 font-semibold text-brand-800"
                  : "border-transparent font-medium text-slate-600 hover:border-slate-300 hover:text-slate-900"
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
