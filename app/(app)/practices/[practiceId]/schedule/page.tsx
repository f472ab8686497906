import { TRPCError } from "@trpc/server";
import { MessageSquareReply, MessageSquareText, ShieldAlert } from "lucide-react";
import type { Metadata } from "next";
import { Suspense } from "react";
import { repliesPath } from "@/components/outreach/types";
import { EmergencyAccessRequest } from "@/components/schedule/emergency-access-request";
import { ScheduleDay } from "@/components/schedule/schedule-day";
import { scheduleDayInput } from "@/components/schedule/types";
import { Alert } from "@/components/ui/alert";
import { ButtonLink } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { TableSkeleton } from "@/components/ui/skeleton";
import { scheduleDateSchema } from "@/server/contracts/schedule";
import { localDate } from "@/server/domain/local-date";
import { can } from "@/server/permissions";
import { orNotFound } from "@/server/rsc-errors";
import { getQueryClient, HydrateClient, trpc } from "@/server/rsc";
import { requireUser } from "@/server/session";

export const metadata: Metadata = { title: "Schedule" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The continuity schedule: one day of the practice's schedule copy (today unless ?date= names
 * another), read on the server (each read is audited) and handed to the page's client part.
 */
export default async function SchedulePage({
  params,
  searchParams,
}: {
  params: Promise<{ practiceId: string }>;
  searchParams: SearchParams;
}) {
  const { practiceId } = await params;
  const query = await searchParams;
  const user = await requireUser();
  const queryClient = getQueryClient();
  const practice = await orNotFound(
    queryClient.fetchQuery(trpc.practices.get.queryOptions({ practiceId })),
  );
  const today = localDate(new Date(), practice.timezone);
  const date =
    typeof query.date === "string" && scheduleDateSchema.safeParse(query.date).success
      ? query.date
      : today;
  const incidentId =
    typeof query.incident === "string" && uuidPattern.test(query.incident) ? query.incident : null;
  // The replies inbox, for those who answer patients' texts: how many wait (a count, no patient data).
  const openReplies = can(user.role, "outreach.replies")
    ? await queryClient
        .fetchQuery(trpc.outreachReplies.openCount.queryOptions({ practiceId }, { retry: false }))
        .then((count) => count.open)
        .catch(() => null)
    : null;
  const header = (
    <PageHeader
      title={practice.name}
      description="Continuity schedule: the practice's appointments from the schedule copy, for the front desk when the EHR is down — on screen or on paper."
      actions={
        <>
          <ButtonLink href={`/practices/${practiceId}/outreach/templates`} variant="secondary">
            <MessageSquareText aria-hidden className="size-4" /> Message templates
          </ButtonLink>
          {openReplies !== null && (
            <ButtonLink variant="secondary" href={repliesPath(practiceId)}>
              <MessageSquareReply aria-hidden className="size-4" />
              Patient replies
              <span className="rounded-full bg-slate-100 px-2 text-xs font-semibold text-slate-800">
                {openReplies} open
              </span>
            </ButtonLink>
          )}
        </>
      }
    />
  );

  // Patient data: refused to leadership before anything is read; an admin needs a live emergency grant.
  if (!can(user.role, "schedule.read"))
    return (
      <>
        {header}
        <Refusal message="Leadership does not see patient data. The schedule copy holds patients' names, phone numbers and birth dates: the practice's managers and the MSP's technicians work it." />
      </>
    );
  const input = scheduleDayInput(practiceId, date, incidentId);
  try {
    await queryClient.fetchQuery(trpc.schedule.day.queryOptions(input, { retry: false }));
  } catch (error) {
    if (!(error instanceof TRPCError) || error.code !== "FORBIDDEN")
      return orNotFound(Promise.reject(error));
    return (
      <>
        {header}
        <div className="space-y-4">
          <Refusal message={error.message} />
          {user.role === "admin" && <EmergencyAccessRequest practiceId={practiceId} />}
        </div>
      </>
    );
  }

  return (
    <HydrateClient>
      {header}
      {practice.archivedAt && (
        <div className="mb-4">
          <Alert>This practice is archived: its schedule can be read, not marked.</Alert>
        </div>
      )}
      <Suspense fallback={<TableSkeleton rows={6} />}>
        <ScheduleDay
          practiceId={practiceId}
          date={date}
          today={today}
          incidentId={incidentId}
          canMark={can(user.role, "schedule.mark") && !practice.archivedAt}
          userName={user.name}
        />
      </Suspense>
    </HydrateClient>
  );
}

function Refusal({ message }: { message: string }) {
  return (
    <p className="flex items-start gap-2 rounded-md border border-slate-300 bg-white px-3 py-3 text-sm text-slate-800">
      <ShieldAlert aria-hidden className="mt-0.5 size-4 shrink-0" />
      <span>{message}</span>
    </p>
  );
}
