import type { ReactNode } from "react";
import { ActiveIncidentBanner } from "@/components/incidents/list/active-incident-banner";
import { AppShell } from "@/components/layout/app-shell";
import { HelpMenu } from "@/components/layout/help-menu";
import { SignedInProviders } from "@/components/layout/signed-in-providers";
import { mainNavigation } from "@/server/navigation";
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
  const nav = mainNavigation(user);
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
