import type { ReactNode } from "react";
import { ActiveIncidentBanner } from "@/components/incidents/list/active-incident-banner";
import { AppShell, type NavItem } from "@/components/layout/app-shell";
import { HelpMenu } from "@/components/layout/help-menu";
import { SignedInProviders } from "@/components/layout/signed-in-providers";
import { can, roleLabels } from "@/server/permissions";
import { getQueryClient, trpc } from "@/server/rsc";
import type { SessionUser } from "@/server/services/auth";

/**
 * The signed-in frame with the person's navigation and the open-outage banner. Someone the MSP is
 * sending to enrol in two-factor gets the frame without navigation (only Account security is open to them).
 */
export async function SignedInShell({
  user,
  children,
}: {
  user: SessionUser;
  children: ReactNode;
}) {
  if (user.mustEnrolTwoFactor)
    return (
      <SignedInProviders>
        <AppShell
          nav={[]}
          mspName={user.mspName}
          userName={user.name}
          roleLabel={roleLabels[user.role]}
        >
          {children}
        </AppShell>
      </SignedInProviders>
    );
  const nav: NavItem[] = [
    {
      href: "/portfolio",
      label: user.practiceIds === "*" ? "Portfolio" : "My practices",
      icon: "portfolio",
    },
    { href: "/incidents", label: "Incidents", icon: "incidents" },
    ...(can(user.role, "monitors.read")
      ? [{ href: "/monitors", label: "Monitors", icon: "monitors" } as const]
      : []),
    ...(can(user.role, "metrics.read")
      ? [{ href: "/metrics", label: "Metrics", icon: "metrics" } as const]
      : []),
    ...(user.practiceIds === "*"
      ? [{ href: "/vendors", label: "Vendor catalog", icon: "vendors" } as const]
      : []),
    ...(can(user.role, "plans.template")
      ? [{ href: "/plan-template", label: "Plan template", icon: "template" } as const]
      : []),
    ...(can(user.role, "outreachTemplates.mspWide")
      ? [{ href: "/outreach/templates", label: "Message templates", icon: "outreach" } as const]
      : []),
    ...(can(user.role, "members.manage")
      ? [{ href: "/members", label: "Members", icon: "members" } as const]
      : []),
    ...(can(user.role, "notifications.manage")
      ? [{ href: "/notifications", label: "Notifications", icon: "notifications" } as const]
      : []),
    ...(can(user.role, "audit.read")
      ? [{ href: "/audit", label: "Audit log", icon: "audit" } as const]
      : []),
  ];
  // The open outages this person can see. If they cannot be read now, the banner asks again from the browser.
  const queryClient = getQueryClient();
  const activeIncidents = await queryClient
    .fetchQuery(trpc.incidents.active.queryOptions())
    .catch(() => null);
  const readAt = queryClient.getQueryState(trpc.incidents.active.queryKey())?.dataUpdatedAt ?? 0;
  // The MSP's help desk for the header's help menu; if it cannot be read now, the menu says none is set.
  const supportLine = await queryClient
    .fetchQuery(trpc.mspSettings.supportLine.queryOptions())
    .catch(() => null);
  return (
    <SignedInProviders>
      <AppShell
        nav={nav}
        mspName={user.mspName}
        userName={user.name}
        roleLabel={roleLabels[user.role]}
        banner={<ActiveIncidentBanner initial={activeIncidents} readAt={readAt} />}
        help={<HelpMenu initial={supportLine} isAdmin={can(user.role, "msp.supportLine.write")} />}
      >
        {children}
      </AppShell>
    </SignedInProviders>
  );
}
