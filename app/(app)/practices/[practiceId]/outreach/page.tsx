import type { Metadata } from "next";
import { Suspense } from "react";
import { OutreachPage } from "@/components/outreach/outreach-page";
import { PageHeader } from "@/components/ui/page-header";
import { TableSkeleton } from "@/components/ui/skeleton";
import { outreachKinds, type OutreachKind } from "@/server/contracts/outreach-kinds";
import { localDate } from "@/server/domain/local-date";
import { mayWorkPatientData } from "@/server/domain/patient-data-access";
import { can } from "@/server/permissions";
import { orNotFound } from "@/server/rsc-errors";
import { getQueryClient, HydrateClient, trpc } from "@/server/rsc";
import { requireUser } from "@/server/session";

export const metadata: Metadata = { title: "Patient messages" };

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Patient outreach: messages to the practice's patients from the schedule copy (delay notices,
 * reminders, cancellations…), previewed, confirmed, followed per patient, stoppable at once. The
 * campaigns' counts are for everyone in scope; who gets what only for the practice's managers and
 * the MSP's technicians (the browser reads that itself: every read of it is audited).
 */
export default async function PatientMessagesPage({
  params,
  searchParams,
}: {
  params: Promise<{ practiceId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { practiceId } = await params;
  const query = await searchParams;
  const user = await requireUser();
  const queryClient = getQueryClient();
  const practice = await orNotFound(
    queryClient.fetchQuery(trpc.practices.get.queryOptions({ practiceId })),
  );
  await orNotFound(queryClient.fetchQuery(trpc.outreach.campaigns.queryOptions({ practiceId })));
  const incidentId =
    typeof query.incident === "string" && uuidPattern.test(query.incident) ? query.incident : null;
  const worksPatients = can(user.role, "outreach.send");
  // A link may choose the message and the day in advance (a maintenance window's "tell patients").
  const kind = typeof query.kind === "string" ? query.kind : "";
  const day =
    typeof query.date === "string" && /^\d{4}-\d{2}-\d{2}$/.test(query.date) ? query.date : null;
  const time = (value: unknown) =>
    typeof value === "string" && /^\d{2}:\d{2}$/.test(value) ? value : undefined;
  const preset =
    day && (outreachKinds as readonly string[]).includes(kind)
      ? { kind: kind as OutreachKind, date: day, from: time(query.from), to: time(query.to) }
      : null;
  return (
    <HydrateClient>
      <PageHeader
        title={practice.name}
        description="Patient messages: tell the day's patients about a delay, a paper day, a cancellation or a reminder, from the schedule copy — previewed, confirmed, followed per patient, and stopped at once if need be."
      />
      <Suspense fallback={<TableSkeleton rows={6} />}>
        <OutreachPage
          practiceId={practiceId}
          incidentId={incidentId}
          preset={preset}
          today={localDate(new Date(), practice.timezone)}
          access={{
            patients: worksPatients,
            patientsFrom:
              worksPatients && !mayWorkPatientData(user, new Date())
                ? user.patientDataAccessFrom
                : null,
            settings: can(user.role, "outreach.settings") && !practice.archivedAt,
            role: user.role,
          }}
        />
      </Suspense>
    </HydrateClient>
  );
}
