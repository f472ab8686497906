"use client";

import {
  Activity,
  BarChart3,
  Bell,
  ClipboardList,
  Building2,
  Contact,
  KeyRound,
  LayoutTemplate,
  Menu,
  MessageSquareText,
  ShieldCheck,
  Siren,
  Users,
  X,
  LogOut,
} from "lucide-react";
import Link from "@/components/ui/link";
import { usePathname } from "next/navigation";
import { Suspense, useState, type ReactNode } from "react";
import { CommandMenu } from "@/components/command-menu/command-menu";
import { NavigationFeedback } from "./navigation-feedback";
import { signOutAction } from "@/server/actions/sign-out";
import type { NavIcon, NavItem } from "@/server/navigation";

const icons = {
  portfolio: Building2,
  incidents: Siren,
  monitors: Activity,
  metrics: BarChart3,
  vendors: Contact,
  template: LayoutTemplate,
  outreach: MessageSquareText,
  members: Users,
  notifications: Bell,
  audit: ClipboardList,
} as const satisfies Record<NavIcon, unknown>;

/** The signed-in frame: a left navigation that folds into a menu on a phone, and the open-outage banner above everything else. */
export function AppShell({
  nav,
  mspName,
  userName,
  roleLabel,
  banner,
  help,
  children,
}: {
  nav: NavItem[];
  mspName: string;
  userName: string;
  roleLabel: string;
  banner?: ReactNode;
  /** The help menu (the MSP's support line). */
  help?: ReactNode;
  children: ReactNode;
}) {
  const pathname = usePathname();
  const [open, setOpen] = useState(false);
  const navigation = (
    <nav aria-label="Main" className="flex flex-col gap-1 p-3">
      {nav.map((item) => {
        const Icon = icons[item.icon];
        const current = pathname === item.href || pathname.startsWith(`${item.href}/`);
        return (
          <Link
            key={item.href}
            href={item.href}
            aria-current={current ? "page" : undefined}
            onClick={() => setOpen(false)}
            className={`flex items-center gap-2 rounded-md px-3 py-2 text-sm font-medium ${current ? "bg-brand-100 text-brand-800" : "text-slate-700 hover:bg-slate-100"}`}
          >
            <Icon aria-hidden className="size-4" />
            {item.label}
          </Link>
        );
      })}
    </nav>
  );
  return (
    <div className="min-h-dvh lg:grid lg:grid-cols-[15rem_1fr]">
      <Suspense fallback={null}>
        <NavigationFeedback />
      </Suspense>
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2"
      >
        Skip to content
      </a>
      <aside className="hidden border-r border-slate-200 bg-white lg:block">
        <div className="flex items-center gap-2 border-b border-slate-200 px-5 py-4 text-brand-800">
          <ShieldCheck aria-hidden className="size-6" />
          <span className="text-lg font-semibold">Standby</span>
        </div>
        {navigation}
      </aside>
      <div className="flex min-w-0 flex-col">
        {banner}
        <header className="flex items-center justify-between gap-3 border-b border-slate-200 bg-white px-4 py-3">
          <div className="flex min-w-0 items-center gap-2">
            {nav.length > 0 && (
              <button
                type="button"
                className="rounded-md p-2 text-slate-700 hover:bg-slate-100 lg:hidden"
                aria-expanded={open}
                aria-controls="mobile-nav"
                onClick={() => setOpen((value) => !value)}
              >
                {open ? (
                  <X aria-hidden className="size-5" />
                ) : (
                  <Menu aria-hidden className="size-5" />
                )}
                <span className="sr-only">{open ? "Close menu" : "Open menu"}</span>
              </button>
            )}
            <span className="min-w-0 truncate font-medium text-slate-800">{mspName}</span>
          </div>
          <div className="flex shrink-0 items-center gap-2 text-sm sm:gap-3">
            {nav.length > 0 && (
              <CommandMenu
                pages={[...nav, { href: "/account/security", label: "Account security" }]}
              />
            )}
            <span className="hidden text-right sm:block">
              <span className="block font-medium text-slate-800">{userName}</span>
              <span className="block text-xs text-slate-500">{roleLabel}</span>
            </span>
            {help}
            <Link
              href="/account/security"
              aria-current={pathname === "/account/security" ? "page" : undefined}
              className="flex items-center gap-1.5 rounded-md border border-slate-300 px-2 py-1.5 text-slate-700 hover:bg-slate-100 sm:px-3"
            >
              <KeyRound aria-hidden className="size-4" />
              <span className="sr-only sm:not-sr-only">Account security</span>
            </Link>
            <form action={signOutAction}>
              <button
                type="submit"
                className="flex items-center gap-1.5 rounded-md border border-slate-300 px-2 py-1.5 text-slate-700 hover:bg-slate-100 sm:px-3"
              >
                <LogOut aria-hidden className="size-4" />
                <span className="sr-only sm:not-sr-only">Sign out</span>
              </button>
            </form>
          </div>
        </header>
        {open && (
          <div id="mobile-nav" className="border-b border-slate-200 bg-white lg:hidden">
            {navigation}
          </div>
        )}
        <main id="main" className="mx-auto w-full max-w-6xl flex-1 px-4 py-6 sm:px-6">
          {children}
        </main>
      </div>
    </div>
  );
}
