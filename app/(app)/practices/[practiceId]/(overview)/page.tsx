import { MapPin, Pencil, Phone, Siren } from "lucide-react";
import type { Metadata } from "next";
import { incidentHref } from "@/components/incidents/list/types";
import { EmergencyAccessList } from "@/components/practices/emergency-access-list";
import { PracticeArchiveButton } from "@/components/practices/practice-archive-button";
import { PracticeFlags } from "@/components/practices/practice-flags";
import { MaintenanceSoon } from "@/components/maintenance/maintenance-soon";
import { PracticeReadiness } from "@/components/practices/practice-readiness";
import { RoutineAccessList } from "@/components/practices/routine-access-list";
import { WhoToCall } from "@/components/practices/who-to-call";
import { PracticeSuspectedOutages } from "@/components/suspected-outages/suspected-outages";
import { ButtonLink } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/server/permissions";
import { orNotFound } from "@/server/rsc-errors";
import { getQueryClient, trpc } from "@/server/rsc";
import { requireUser } from "@/server/session";
import { telHref } from "@/server/domain/phone-number";

export const metadata: Metadata = { title: "Practice" };

const money = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" });

export default async function PracticePage({
  params,
}: {
  params: Promise<{ practiceId: string }>;
}) {
  const { practiceId } = await params;
  const user = await requireUser();
  const queryClient = getQueryClient();
  const [practice, readiness, whoToCall] = await orNotFound(
    Promise.all([
      queryClient.fetchQuery(trpc.practices.get.queryOptions({ practiceId })),
      queryClient.fetchQuery(trpc.reviews.readiness.queryOptions({ practiceId })),
      queryClient.fetchQuery(trpc.practices.whoToCall.queryOptions({ practiceId })),
    ]),
  );
  // Who opened the practice's patient records through emergency access: for its managers and the MSP's admins.
  // Beside them, who was recently given routine access to those records by a role change or an invitation.
  const [emergencyGrants, routineAccess] = can(user.role, "emergencyAccess.read")
    ? await Promise.all([
        queryClient.fetchQuery(trpc.emergencyAccess.list.queryOptions({ practiceId })),
        queryClient.fetchQuery(
          trpc.emergencyAccess.routineAccessChanges.queryOptions({ practiceId }),
        ),
      ])
    : [null, null];
  const soon = await queryClient.fetchQuery(
    trpc.maintenance.upcomingAtPractice.queryOptions({ practiceId }),
  );
  const canWrite = can(user.role, "practices.write");
  const canDeclare = can(user.role, "incidents.write") && !practice.archivedAt;
  // An outage open here already: the way in is to join it, not to declare another.
  const [openOutage] = await queryClient.fetchQuery(
    trpc.incidents.openAtPractice.queryOptions({ practiceId }),
  );

  return (
    <>
      <PageHeader
        title={practice.name}
        description={
          <PracticeFlags
            isNewOffice={practice.isNewOffice}
            isMigrating={practice.isMigrating}
            archived={Boolean(practice.archivedAt)}
          />
        }
        actions={
          (canWrite || canDeclare || openOutage) && (
            <>
              {openOutage ? (
                <ButtonLink href={incidentHref(openOutage)} variant="danger">
                  <Siren aria-hidden className="size-4" /> Go to the open outage
                </ButtonLink>
              ) : (
                canDeclare && (
                  <ButtonLink href={`/incidents/new?practiceId=${practice.id}`} variant="danger">
                    <Siren aria-hidden className="size-4" /> Declare an outage
                  </ButtonLink>
                )
              )}
              {canWrite && !practice.archivedAt && (
                <ButtonLink href={`/practices/${practice.id}/edit`} variant="secondary">
                  <Pencil aria-hidden className="size-4" /> Edit
                </ButtonLink>
              )}
              {canWrite && (
                <PracticeArchiveButton
                  practiceId={practice.id}
                  name={practice.name}
                  version={practice.version}
                  archived={Boolean(practice.archivedAt)}
                />
              )}
            </>
          )
        }
      />
      <WhoToCall
        practiceId={practice.id}
        who={whoToCall}
        canEditPlan={can(user.role, "plans.write") && !practice.archivedAt}
        canEditSupportLine={can(user.role, "msp.supportLine.write")}
        canEditVendors={can(user.role, "vendors.write") && !practice.archivedAt}
      />
      <MaintenanceSoon title="Planned maintenance this week" windows={soon} showPractice={false} />
      <PracticeSuspectedOutages practiceId={practice.id} canDeclare={canDeclare} />
      <PracticeReadiness
        practiceId={practice.id}
        readiness={readiness}
        timeZone={practice.timezone}
      />
      <div className="grid gap-4 lg:grid-cols-3">
        <section className="rounded-lg border border-slate-200 bg-white p-5 lg:col-span-1">
          <h2 className="mb-3 text-base font-semibold">Overview</h2>
          <dl className="space-y-3 text-sm">
            <div>
              <dt className="text-slate-500">EHR product</dt>
              <dd className="font-medium">{practice.ehrProduct || "Not recorded yet"}</dd>
            </div>
            <div>
              <dt className="text-slate-500">Time zone</dt>
              <dd className="font-medium">{practice.timezone.replaceAll("_", " ")}</dd>
            </div>
            <div>
              <dt className="text-slate-500">Estimated cost of one downtime minute</dt>
              <dd className="font-medium">
                {practice.downtimeCostPerMinuteCents > 0
                  ? money.format(practice.downtimeCostPerMinuteCents / 100)
                  : "Not set"}
              </dd>
            </div>
          </dl>
        </section>
        <section className="rounded-lg border border-slate-200 bg-white p-5 lg:col-span-2">
          <h2 className="mb-3 text-base font-semibold">
            {practice.sites.length === 1 ? "Site" : `Sites (${practice.sites.length})`}
          </h2>
          <ul className="divide-y divide-slate-100">
            {practice.sites.map((site) => (
              <li key={site.id} className="py-3 first:pt-0 last:pb-0">
                <p className="font-medium">{site.name}</p>
                <p className="mt-1 flex items-center gap-1.5 text-sm text-slate-700">
                  <MapPin aria-hidden className="size-4 text-slate-400" /> {site.address}
                </p>
                <p className="mt-1 flex items-center gap-1.5 text-sm">
                  <Phone aria-hidden className="size-4 text-slate-400" />
                  <a className="text-brand-700 underline" href={telHref(site.phone)}>
                    {site.phone}
                  </a>
                </p>
              </li>
            ))}
          </ul>
        </section>
      </div>
      {emergencyGrants && (
        <EmergencyAccessList grants={emergencyGrants} timeZone={practice.timezone} />
      )}
      {routineAccess && <RoutineAccessList changes={routineAccess} timeZone={practice.timezone} />}
    </>
  );
}
