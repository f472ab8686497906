import { Building2 } from "lucide-react";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { DeclareIncident } from "@/components/incidents/declare/declare-incident";
import { practiceOptions } from "@/components/incidents/list/options";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/server/permissions";
import { getQueryClient, HydrateClient, trpc } from "@/server/rsc";
import { requireUser } from "@/server/session";

export const metadata: Metadata = { title: "Declare an outage" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function DeclareIncidentPage({
  searchParams,
}: {
  searchParams: SearchParams;
}) {
  const user = await requireUser();
  if (!can(user.role, "incidents.write")) notFound();
  const { practiceId: asked, suspectedOutageId: suspectedAsked } = await searchParams;
  const practices = await practiceOptions();
  // Preselected from ?practiceId=, or the only practice the person looks after.
  const preselected =
    practices.find((practice) => practice.id === asked)?.id ??
    (practices.length === 1 ? practices[0]!.id : "");
  if (preselected)
    void getQueryClient().prefetchQuery(
      trpc.dependencies.map.queryOptions({ practiceId: preselected }),
    );
  // Opened from a suspected outage: its system is down since the monitors saw it.
  const suspected =
    preselected && typeof suspectedAsked === "string" && /^[0-9a-f-]{36}$/i.test(suspectedAsked)
      ? await getQueryClient()
          .fetchQuery(
            trpc.suspectedOutages.get.queryOptions({
              practiceId: preselected,
              suspectedOutageId: suspectedAsked,
            }),
          )
          .catch(() => null)
      : null;
  const prefill =
    suspected && suspected.status === "open"
      ? {
          suspectedOutageId: suspected.id,
          systemIds: suspected.systemId ? [suspected.systemId] : [],
          startedAt: new Date(suspected.openedAt),
          systemName: suspected.systemName,
        }
      : null;

  return (
    <HydrateClient>
      <PageHeader
        title="Declare an outage"
        description="Say what is down and how bad it is. Everyone who looks after the practice sees it at once."
      />
      {practices.length === 0 ? (
        <EmptyState icon={Building2} title="No practices to declare an outage for">
          Outages are declared at a client practice; none is active in your account.
        </EmptyState>
      ) : (
        <DeclareIncident
          practices={practices}
          defaultPracticeId={preselected}
          canEditMap={can(user.role, "systems.write")}
          prefill={prefill}
        />
      )}
    </HydrateClient>
  );
}
