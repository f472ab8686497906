import type { Metadata } from "next";
import { IncidentRoom } from "@/components/incidents/room/incident-room";
import { can } from "@/server/permissions";
import { orNotFound } from "@/server/rsc-errors";
import { getQueryClient, HydrateClient, trpc } from "@/server/rsc";
import { requireUser } from "@/server/session";

export const metadata: Metadata = { title: "Incident" };

export default async function IncidentPage({
  params,
}: {
  params: Promise<{ practiceId: string; incidentId: string }>;
}) {
  const { practiceId, incidentId } = await params;
  const user = await requireUser();
  const queryClient = getQueryClient();
  await orNotFound(
    queryClient.fetchQuery(trpc.incidents.get.queryOptions({ practiceId, incidentId })),
  );
  void queryClient.prefetchQuery(trpc.incidents.timeline.queryOptions({ practiceId, incidentId }));
  // The downtime log is patient data and every read of it is audited: the room reads it itself, only where it is shown.
  const access = {
    canWrite: can(user.role, "incidents.write"),
    canSeeLog: can(user.role, "downtimeLog.access"),
    canBreakGlass: can(user.role, "downtimeLog.emergency"),
    canWorkSchedule: can(user.role, "schedule.mark"),
    isAdmin: user.role === "admin",
    canRaiseRisk: can(user.role, "risks.write"),
  };

  return (
    <HydrateClient>
      <IncidentRoom
        practiceId={practiceId}
        incidentId={incidentId}
        userId={user.userId}
        access={access}
      />
    </HydrateClient>
  );
}
