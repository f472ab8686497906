import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { ChannelList } from "@/components/notifications/channel-list";
import { DeliveryLog, type DeliveryFilters } from "@/components/notifications/delivery-log";
import { PageHeader } from "@/components/ui/page-header";
import { TableSkeleton } from "@/components/ui/skeleton";
import { appUrlFrom } from "@/server/app-url";
import { deliveryLogSchema } from "@/server/contracts/notifications";
import { can } from "@/server/permissions";
import { getQueryClient, HydrateClient, trpc } from "@/server/rsc";
import { requireUser } from "@/server/session";

export const metadata: Metadata = { title: "Notifications" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const one = (value: string | string[] | undefined) =>
  (Array.isArray(value) ? value[0] : value) || undefined;

/** Where Standby tells people outside Standby: the channels, and every delivery with its answer. */
export default async function NotificationsPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requireUser();
  if (!can(user.role, "notifications.manage")) notFound();
  const params = await searchParams;
  // A hand-edited address with an unknown filter shows the unfiltered log rather than an error.
  const parsed = deliveryLogSchema.safeParse({
    channelId: one(params.channel),
    event: one(params.event),
    status: one(params.status),
    practiceId: one(params.practice),
    from: one(params.from),
    to: one(params.to),
    before: one(params.before),
  });
  const filters: DeliveryFilters = parsed.success ? parsed.data : {};
  const queryClient = getQueryClient();
  const [channels, deliveries, practices] = await Promise.all([
    queryClient.fetchQuery(trpc.notifications.channels.queryOptions()),
    queryClient.fetchQuery(trpc.notifications.deliveries.queryOptions(filters)),
    queryClient.fetchQuery(trpc.practices.choices.queryOptions({})),
  ]);

  return (
    <HydrateClient>
      <PageHeader
        title="Notifications"
        description="Where Standby tells people outside Standby what needs them: outages as they happen, and due work."
      />
      <div className="space-y-6">
        <Suspense fallback={<TableSkeleton rows={2} />}>
          <ChannelList practices={practices.items} appUrl={appUrlFrom(await headers())} />
        </Suspense>
        <DeliveryLog
          page={deliveries}
          channels={channels}
          practices={practices.items}
          filters={filters}
        />
      </div>
    </HydrateClient>
  );
}
