import type { ReactNode } from "react";
import { orNotFound } from "@/server/rsc-errors";
import { getQueryClient, trpc } from "@/server/rsc";

/** A missing incident is a real 404: checked here, outside this segment's loading.tsx, before the answer streams. */
export default async function IncidentLayout({
  params,
  children,
}: {
  params: Promise<{ practiceId: string; incidentId: string }>;
  children: ReactNode;
}) {
  const { practiceId, incidentId } = await params;
  await orNotFound(
    getQueryClient().fetchQuery(trpc.incidents.get.queryOptions({ practiceId, incidentId })),
  );
  return children;
}
