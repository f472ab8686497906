import { TRPCError } from "@trpc/server";
import { CalendarDays, ShieldAlert } from "lucide-react";
import type { Metadata } from "next";
import { Suspense } from "react";
import { RepliesInbox } from "@/components/outreach/replies-inbox";
import { nextReplyPage, replyInboxInput } from "@/components/outreach/types";
import { ButtonLink } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { TableSkeleton } from "@/components/ui/skeleton";
import { can } from "@/server/permissions";
import { orNotFound } from "@/server/rsc-errors";
import { getQueryClient, HydrateClient, trpc } from "@/server/rsc";
import { requireUser } from "@/server/session";

export const metadata: Metadata = { title: "Patient replies" };

/**
 * The practice's replies inbox: patients' texts back to outreach messages (open unless
 * ?status=handled). Read on the server (each read is audited) and handed to the client part.
 */
export default async function RepliesPage({
  params,
  searchParams,
}: {
  params: Promise<{ practiceId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { practiceId } = await params;
  const status = (await searchParams).status === "handled" ? "handled" : "open";
  const user = await requireUser();
  const queryClient = getQueryClient();
  const practice = await orNotFound(
    queryClient.fetchQuery(trpc.practices.get.queryOptions({ practiceId })),
  );
  const header = (
    <PageHeader
      title={practice.name}
      description="Patient replies: texts patients sent back to the practice's messages. Standby acts on STOP, START, HELP, C (cancel) and Y (confirm); the rest waits here for the front desk."
      actions={
        <ButtonLink
          variant="secondary"
          href={`/practices/${practiceId}/schedule`}
          className="whitespace-nowrap"
        >
          <CalendarDays aria-hidden className="size-4" />
          Continuity schedule
        </ButtonLink>
      }
    />
  );

  if (!can(user.role, "outreach.replies"))
    return (
      <>
        {header}
        <Refusal
          message={
            user.role === "leadership"
              ? "Leadership does not see patient data. Patients' texts back hold their phone numbers and words: the practice's managers and the MSP's technicians answer them."
              : "Patients' texts back are patient data: the practice's managers and the MSP's technicians read and answer them, not MSP admins."
          }
        />
      </>
    );
  try {
    await queryClient.fetchInfiniteQuery(
      trpc.outreachReplies.inbox.infiniteQueryOptions(replyInboxInput(practiceId, status), {
        getNextPageParam: nextReplyPage,
        retry: false,
      }),
    );
  } catch (error) {
    if (!(error instanceof TRPCError) || error.code !== "FORBIDDEN")
      return orNotFound(Promise.reject(error));
    return (
      <>
        {header}
        <Refusal message={error.message} />
      </>
    );
  }

  return (
    <HydrateClient>
      {header}
      <Suspense fallback={<TableSkeleton rows={4} />}>
        <RepliesInbox practiceId={practiceId} status={status} />
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
