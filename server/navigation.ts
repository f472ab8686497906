/**
 * The signed-in navigation: which pages a person's role and practice scope open. The shell's left
 * navigation and the command menu's "Pages" group read the same list.
 */
import { can, type Role } from "./permissions";

export const navIcons = [
  "portfolio",
  "incidents",
  "monitors",
  "metrics",
  "vendors",
  "template",
  "outreach",
  "members",
  "notifications",
  "audit",
] as const;
export type NavIcon = (typeof navIcons)[number];

export type NavItem = { href: string; label: string; icon: NavIcon };

export function mainNavigation(user: {
  role: Role;
  practiceIds: "*" | readonly string[];
}): NavItem[] {
  const pages: (NavItem | false)[] = [
    {
      href: "/portfolio",
      label: user.practiceIds === "*" ? "Portfolio" : "My practices",
      icon: "portfolio",
    },
    { href: "/incidents", label: "Incidents", icon: "incidents" },
    can(user.role, "monitors.read") && { href: "/monitors", label: "Monitors", icon: "monitors" },
    can(user.role, "metrics.read") && { href: "/metrics", label: "Metrics", icon: "metrics" },
    user.practiceIds === "*" && { href: "/vendors", label: "Vendor catalog", icon: "vendors" },
    can(user.role, "plans.template") && {
      href: "/plan-template",
      label: "Plan template",
      icon: "template",
    },
    can(user.role, "outreachTemplates.mspWide") && {
      href: "/outreach/templates",
      label: "Message templates",
      icon: "outreach",
    },
    can(user.role, "members.manage") && { href: "/members", label: "Members", icon: "members" },
    can(user.role, "notifications.manage") && {
      href: "/notifications",
      label: "Notifications",
      icon: "notifications",
    },
    can(user.role, "audit.read") && { href: "/audit", label: "Audit log", icon: "audit" },
  ];
  return pages.filter((page): page is NavItem => page !== false);
}
