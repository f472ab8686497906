import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { InviteMemberForm } from "@/components/members/invite-member-form";
import { MembersManager } from "@/components/members/members-manager";
import { MspSecuritySettings } from "@/components/members/msp-security-settings";
import { SupportLineSettings } from "@/components/members/support-line-settings";
import { PageHeader } from "@/components/ui/page-header";
import { TableSkeleton } from "@/components/ui/skeleton";
import { can } from "@/server/permissions";
import { getQueryClient, HydrateClient, trpc } from "@/server/rsc";
import { requireUser } from "@/server/session";

export const metadata: Metadata = { title: "Members" };

export default async function MembersPage() {
  const user = await requireUser();
  if (!can(user.role, "members.manage")) notFound();
  void getQueryClient().prefetchQuery(trpc.members.list.queryOptions());
  void getQueryClient().prefetchQuery(trpc.mspSettings.security.queryOptions());
  void getQueryClient().prefetchQuery(trpc.mspSettings.supportLine.queryOptions());
  return (
    <HydrateClient>
      <PageHeader
        title="Members"
        description="Who at your MSP and your client practices can use Standby, what they may see, and your support line."
      />
      <div className="space-y-6">
        <InviteMemberForm />
        <Suspense fallback={<TableSkeleton rows={2} />}>
          <SupportLineSettings />
        </Suspense>
        <Suspense fallback={<TableSkeleton rows={1} />}>
          <MspSecuritySettings />
        </Suspense>
        <Suspense fallback={<TableSkeleton />}>
          <MembersManager currentUserId={user.userId} />
        </Suspense>
      </div>
    </HydrateClient>
  );
}
