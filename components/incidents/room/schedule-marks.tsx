"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { CalendarCheck2, CheckCircle2, Circle } from "lucide-react";
import { useState } from "react";
import { useTRPC } from "@/components/trpc/client";
import type { CallProblem } from "@/components/trpc/call-problem";
import { Alert } from "@/components/ui/alert";
import { formatClock, formatShortMoment } from "@/components/ui/format";
import { TableSkeleton } from "@/components/ui/skeleton";
import { useHydrated } from "@/components/ui/use-hydrated";
import { scheduleMarkLabels } from "@/server/contracts/schedule";
import { useRoom } from "./room-context";
import { RoomProblem } from "./room-problem";
import { useRoomAction } from "./use-room-action";
import type { IncidentView } from "./types";

/**
 * The front desk's marks on the continuity schedule during the outage, as reconciliation lines:
 * "Enter 4 cancellations and 2 walk-ins into the EHR", then each mark (time, provider, patient),
 * ticked once entered. The names are patient data: only those who work it read them (an audited
 * read, made again only when a tick may have changed them); the others see the counts.
 */
export function ScheduleMarks({ view }: { view: IncidentView }) {
  const { access } = useRoom();
  const summary = view.scheduleMarks;
  if (summary.total === 0) return null;
  const allEntered = summary.entered === summary.total;
  return (
    <section aria-labelledby="schedule-marks-heading" className="space-y-3">
      <div>
        <h3 id="schedule-marks-heading" className="text-base font-semibold text-slate-900">
          Front-desk changes from the continuity schedule
        </h3>
        <p className="text-sm text-slate-600">
          {summary.entered} of {summary.total} entered into the EHR
        </p>
      </div>
      <p
        className={`flex items-start gap-2 rounded-md border px-3 py-2 text-sm font-semibold ${
          allEntered
            ? "border-emerald-300 bg-emerald-50 text-emerald-900"
            : "border-amber-300 bg-amber-50 text-amber-950"
        }`}
      >
        {allEntered ? (
          <CheckCircle2 aria-hidden className="mt-0.5 size-4 shrink-0" />
        ) : (
          <CalendarCheck2 aria-hidden className="mt-0.5 size-4 shrink-0" />
        )}
        {summary.line}
      </p>
      {access.canWorkSchedule ? (
        <MarkList
          editable={
            access.canWrite &&
            (view.incident.status !== "closed" || Boolean(view.incident.duplicateOfIncidentId))
          }
        />
      ) : (
        <p className="text-sm text-slate-600">
          The patients&apos; names are shown to the practice&apos;s managers and the MSP&apos;s
          technicians, who enter these into the EHR.
        </p>
      )}
    </section>
  );
}

function MarkList({ editable }: { editable: boolean }) {
  const trpc = useTRPC();
  const hydrated = useHydrated();
  const { practiceId, incidentId, timeZone } = useRoom();
  const run = useRoomAction();
  const marks = useQuery({
    ...trpc.schedule.reconciliationMarks.queryOptions({ practiceId, incidentId }),
    staleTime: Infinity,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
  });
  const setEntered = useMutation(trpc.schedule.markEntered.mutationOptions());
  const [problem, setProblem] = useState<CallProblem | null>(null);
  const [optimistic, setOptimistic] = useState<Record<string, boolean>>({});

  if (marks.isPending) return <TableSkeleton rows={2} />;
  if (marks.isError)
    return <Alert tone="error">Could not load the front-desk changes: {marks.error.message}</Alert>;

  async function toggle(mark: { id: string; version: number }, entered: boolean) {
    setProblem(null);
    setOptimistic((current) => ({ ...current, [mark.id]: entered }));
    const outcome = await run(
      () =>
        setEntered.mutateAsync({
          practiceId,
          incidentId,
          markId: mark.id,
          version: mark.version,
          entered,
        }),
      {},
    );
    if (!outcome.ok) setProblem(outcome.problem);
    await marks.refetch();
    setOptimistic(({ [mark.id]: _settled, ...rest }) => rest);
  }

  return (
    <div className="space-y-2">
      {problem && <RoomProblem problem={problem} />}
      <ul
        aria-label="Front-desk changes"
        className="divide-y divide-slate-100 rounded-md border border-slate-200"
      >
        {marks.data.marks.map((mark) => {
          const entered = optimistic[mark.id] ?? Boolean(mark.enteredAt);
          const label = `${formatClock(mark.at, timeZone)} · ${mark.providerName} · ${mark.patientName ?? "Patient not in the copy"}`;
          return (
            <li key={mark.id} className="flex items-start gap-3 px-3 py-2.5">
              {editable ? (
                <input
                  id={`mark-${mark.id}`}
                  type="checkbox"
                  className="mt-0.5 size-5 shrink-0 rounded border-slate-400 accent-brand-700"
                  checked={entered}
                  disabled={!hydrated || mark.id in optimistic}
                  onChange={(event) => void toggle(mark, event.target.checked)}
                />
              ) : entered ? (
                <CheckCircle2 aria-hidden className="mt-0.5 size-5 shrink-0 text-emerald-700" />
              ) : (
                <Circle aria-hidden className="mt-0.5 size-5 shrink-0 text-slate-400" />
              )}
              <div className="min-w-0 text-sm">
                {editable ? (
                  <label htmlFor={`mark-${mark.id}`} className="font-medium text-slate-900">
                    <span className="font-semibold">{scheduleMarkLabels[mark.kind]}:</span> {label}
                  </label>
                ) : (
                  <span className="font-medium text-slate-900">
                    <span className="sr-only">{entered ? "Entered: " : "Not entered: "}</span>
                    <span className="font-semibold">{scheduleMarkLabels[mark.kind]}:</span> {label}
                  </span>
                )}
                <span className="block text-xs text-slate-600">
                  Marked by {mark.markedByName}, {formatShortMoment(mark.markedAt, timeZone)}
                  {mark.note ? ` · ${mark.note}` : ""}
                  {mark.enteredAt
                    ? ` · entered into the EHR by ${mark.enteredByName ?? "someone"}, ${formatShortMoment(mark.enteredAt, timeZone)}`
                    : entered
                      ? " · saving…"
                      : " · not entered into the EHR yet"}
                </span>
              </div>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
