import type { Metadata } from "next";
import { Suspense } from "react";
import { AccountSecurity } from "@/components/account/account-security";
import { PageHeader } from "@/components/ui/page-header";
import { TableSkeleton } from "@/components/ui/skeleton";
import { getQueryClient, HydrateClient, trpc } from "@/server/rsc";

export const metadata: Metadata = { title: "Account security" };

export default async function AccountSecurityPage() {
  void getQueryClient().prefetchQuery(trpc.account.security.queryOptions());
  return (
    <HydrateClient>
      <PageHeader
        title="Account security"
        description="How you sign in: two-factor, recovery codes, password and email; your calendar feed and your notifications."
      />
      <Suspense fallback={<TableSkeleton />}>
        <AccountSecurity />
      </Suspense>
    </HydrateClient>
  );
}
