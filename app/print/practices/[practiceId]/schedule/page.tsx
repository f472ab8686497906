import { TRPCError } from "@trpc/server";
import { ArrowLeft, ShieldAlert } from "lucide-react";
import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { PrintPageButton } from "@/components/schedule/print-page-button";
import { SchedulePrint } from "@/components/schedule/schedule-print";
import { formatLongDay, schedulePath } from "@/components/schedule/types";
import Link from "@/components/ui/link";
import { scheduleDateSchema } from "@/server/contracts/schedule";
import { localDate } from "@/server/domain/local-date";
import { can } from "@/server/permissions";
import { orNotFound } from "@/server/rsc-errors";
import { getQueryClient, trpc } from "@/server/rsc";
import { getCurrentUser } from "@/server/session";

type Props = {
  params: Promise<{ practiceId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export const metadata: Metadata = { title: "Continuity schedule" };

/**
 * A printable day of the schedule copy (today unless ?date= names another). Opening it reads the
 * copy's patients, so it is audited as a print; nothing on it needs JavaScript to be printed.
 */
export default async function SchedulePrintPage({ params, searchParams }: Props) {
  const { practiceId } = await params;
  const query = await searchParams;
  const user = await getCurrentUser();
  if (!user)
    redirect(
      `/sign-in?reason=expired&callbackUrl=${encodeURIComponent(`/print/practices/${practiceId}/schedule`)}`,
    );
  const practice = await orNotFound(
    getQueryClient().fetchQuery(trpc.practices.get.queryOptions({ practiceId })),
  );
  const date =
    typeof query.date === "string" && scheduleDateSchema.safeParse(query.date).success
      ? query.date
      : localDate(new Date(), practice.timezone);
  const back = (
    <Link
      href={schedulePath(practiceId, date)}
      className="inline-flex min-h-10 items-center gap-1.5 rounded-md px-2 text-sm font-medium text-brand-700 underline-offset-2 hover:underline"
    >
      <ArrowLeft aria-hidden className="size-4" /> Back to the schedule
    </Link>
  );

  let refusal: string | null = null;
  let day = null;
  if (!can(user.role, "schedule.read"))
    refusal =
      "Leadership does not see patient data. The schedule copy holds patients' names, phone numbers and birth dates: the practice's managers and the MSP's technicians work it.";
  else
    try {
      day = await getQueryClient().fetchQuery(
        trpc.schedule.day.queryOptions({ practiceId, date, purpose: "print" }, { retry: false }),
      );
    } catch (error) {
      if (!(error instanceof TRPCError) || error.code !== "FORBIDDEN")
        return orNotFound(Promise.reject(error));
      refusal = error.message;
    }

  if (!day)
    return (
      <main className="print-sheet">
        <p className="flex items-start gap-2 text-sm text-slate-800">
          <ShieldAlert aria-hidden className="mt-0.5 size-4 shrink-0" />
          <span>{refusal}</span>
        </p>
        <div className="mt-4">{back}</div>
      </main>
    );

  return (
    <>
      <nav aria-label="Schedule print" className="print-toolbar print-wide no-print">
        <div className="flex flex-wrap items-center gap-2">
          {back}
          <div className="ml-auto">
            <PrintPageButton />
          </div>
        </div>
        <p className="mt-2 px-2 text-sm text-slate-600">
          {formatLongDay(date)}: A4 or Letter, one block per provider. Keep it with the downtime
          packet. Opening this page is recorded in the audit log, as a print of patient data.
        </p>
      </nav>
      <main className="print-sheet print-wide">
        {day.connection ? (
          <SchedulePrint day={day} printedAt={new Date()} printedByName={user.name} />
        ) : (
          <p>
            {practice.name} has no schedule copy yet: connect the EHR or upload the day&apos;s
            schedule report on the practice&apos;s{" "}
            <Link href={day.settingsPath} className="underline">
              Schedule settings
            </Link>
            .
          </p>
        )}
      </main>
    </>
  );
}
