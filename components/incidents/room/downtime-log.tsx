"use client";

import { useMutation, useQuery, type UseQueryResult } from "@tanstack/react-query";
import {
  CheckCircle2,
  Circle,
  ClipboardPen,
  Clock,
  CloudOff,
  FileText,
  Plus,
  Trash2,
  UserCheck,
} from "lucide-react";
import { useState, type ReactNode } from "react";
import { useTRPC } from "@/components/trpc/client";
import type { CallProblem } from "@/components/trpc/call-problem";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { TableSkeleton } from "@/components/ui/skeleton";
import { useHydrated } from "@/components/ui/use-hydrated";
import { formatDay, formatShortMoment } from "@/components/ui/format";
import { LogEntryDialog } from "./log-entry-dialog";
import { useOutbox } from "./outbox";
import { useRoom } from "./room-context";
import { RoomProblem } from "./room-problem";
import { useRoomAction } from "./use-room-action";
import type { IncidentView, LogEntry } from "./types";

const states = {
  open: {
    Icon: Circle,
    word: "Not entered yet",
    className: "border-red-300 bg-red-50 text-red-900",
  },
  entered: {
    Icon: Clock,
    word: "Entered, waiting for verification",
    className: "border-amber-300 bg-amber-50 text-amber-900",
  },
  verified: {
    Icon: CheckCircle2,
    word: "Entered and verified",
    className: "border-emerald-300 bg-emerald-50 text-emerald-900",
  },
} as const;

const stateOf = (entry: LogEntry) =>
  entry.verifiedAt ? "verified" : entry.enteredAt ? "entered" : "open";

/**
 * The paper records made during the outage (patient data: never shown to leadership, every read is
 * audited, so it is read again only when it may have changed). Each is entered into the EHR by one
 * person and verified by another.
 */
export function DowntimeLog({ view }: { view: IncidentView }) {
  const trpc = useTRPC();
  const hydrated = useHydrated();
  const { practiceId, incidentId, access } = useRoom();
  const log = useQuery({
    ...trpc.downtimeLog.list.queryOptions({ practiceId, incidentId }),
    staleTime: Infinity,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
  });
  const [adding, setAdding] = useState(false);
  // A closed duplicate's records can still be entered and verified (the main outage waits for them), not added to.
  const addable = access.canWrite && view.incident.status !== "closed";
  const editable = addable || (access.canWrite && Boolean(view.incident.duplicateOfIncidentId));

  return (
    <section aria-labelledby="log-heading" className="space-y-3">
      <LogHeader
        view={view}
        action={
          addable && (
            <Button variant="secondary" disabled={!hydrated} onClick={() => setAdding(true)}>
              <Plus aria-hidden className="size-4" /> Add a paper record
            </Button>
          )
        }
      />
      <WaitingRecords />
      <LogEntries
        log={log}
        editable={editable}
        emptyHint={
          addable
            ? "Add each visit documented on paper during the outage, so it is entered into the EHR and checked by a second person."
            : ""
        }
      />
      {addable && <LogEntryDialog open={adding} onClose={() => setAdding(false)} />}
    </section>
  );
}

/** Paper records written here while Standby could not be reached: listed with the timeline's queue. */
function WaitingRecords() {
  const waiting = useOutbox()?.items.filter((item) => item.kind === "log").length ?? 0;
  if (waiting === 0) return null;
  return (
    <p className="flex items-center gap-1.5 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950">
      <CloudOff aria-hidden className="size-4 shrink-0" />
      {waiting} paper record{waiting === 1 ? "" : "s"} written on this device{" "}
      {waiting === 1 ? "is" : "are"} waiting to send: see &ldquo;Waiting to send&rdquo; in the
      timeline.
    </p>
  );
}

/** The log's heading with its counts (readable by anyone in the room), and the one action the viewer may take. */
export function LogHeader({ view, action }: { view: IncidentView; action?: ReactNode }) {
  return (
    <div className="flex flex-wrap items-center justify-between gap-2">
      <div>
        <h3 id="log-heading" className="text-base font-semibold text-slate-900">
          Downtime documentation log
        </h3>
        <p className="text-sm text-slate-600">
          {view.log.total} paper record{view.log.total === 1 ? "" : "s"} · {view.log.entered}{" "}
          entered into the EHR · {view.log.verified} verified
        </p>
      </div>
      {action}
    </div>
  );
}

/** The paper records as loaded: a skeleton while loading, the error, the empty state, or the records. */
export function LogEntries({
  log,
  editable,
  emptyHint = "",
}: {
  log: UseQueryResult<LogEntry[], { message: string }>;
  editable: boolean;
  emptyHint?: string;
}) {
  if (log.isPending) return <TableSkeleton rows={2} />;
  if (log.isError)
    return <Alert tone="error">Could not load the downtime log: {log.error.message}</Alert>;
  if (log.data.length === 0)
    return (
      <p className="rounded-md border border-dashed border-slate-300 px-3 py-3 text-sm text-slate-600">
        No paper records logged.{emptyHint ? ` ${emptyHint}` : ""}
      </p>
    );
  return (
    <ul aria-label="Paper records" className="space-y-3">
      {log.data.map((entry) => (
        <LogEntryCard key={entry.id} entry={entry} editable={editable} />
      ))}
    </ul>
  );
}

function Detail({ label, value }: { label: string; value: string }) {
  if (!value) return null;
  return (
    <div className="min-w-0">
      <dt className="text-xs font-medium text-slate-600">{label}</dt>
      <dd className="text-sm break-words whitespace-pre-line text-slate-900">{value}</dd>
    </div>
  );
}

export function LogEntryCard({ entry, editable }: { entry: LogEntry; editable: boolean }) {
  const trpc = useTRPC();
  const hydrated = useHydrated();
  const { practiceId, incidentId, timeZone } = useRoom();
  const run = useRoomAction();
  const [problem, setProblem] = useState<CallProblem | null>(null);
  const markEntered = useMutation(trpc.downtimeLog.markEntered.mutationOptions());
  const markVerified = useMutation(trpc.downtimeLog.markVerified.mutationOptions());
  const remove = useMutation(trpc.downtimeLog.remove.mutationOptions());
  const busy = !hydrated || markEntered.isPending || markVerified.isPending || remove.isPending;
  const state = states[stateOf(entry)];
  const ref = { practiceId, incidentId, entryId: entry.id, version: entry.version };

  async function act(action: () => Promise<unknown>, success: string) {
    setProblem(null);
    const outcome = await run(action, { success, log: true });
    if (!outcome.ok) setProblem(outcome.problem);
  }

  return (
    <li
      aria-label={`Paper record: ${entry.patient}`}
      className="rounded-md border border-slate-200 p-3"
    >
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div className="min-w-0">
          <p className="flex items-center gap-1.5 font-semibold break-words text-slate-900">
            <FileText aria-hidden className="size-4 shrink-0 text-slate-500" />
            {entry.patient}
          </p>
          <p className="text-sm text-slate-600">
            Visit {formatDay(entry.visitDate)} · {entry.provider}
          </p>
        </div>
        <span
          className={`inline-flex items-center gap-1 rounded-full border px-2 py-0.5 text-xs font-medium ${state.className}`}
        >
          <state.Icon aria-hidden className="size-3.5" />
          {state.word}
        </span>
      </div>
      <dl className="mt-2 grid gap-2 sm:grid-cols-3">
        <Detail label="Reason for visit" value={entry.reason} />
        <Detail label="Orders" value={entry.orders} />
        <Detail label="Follow-up" value={entry.followUp} />
      </dl>
      <ul className="mt-2 space-y-0.5 text-xs text-slate-600">
        <li className="flex items-center gap-1">
          <ClipboardPen aria-hidden className="size-3.5" /> Logged by {entry.recordedByName},{" "}
          {entry.writtenAt
            ? `written ${formatShortMoment(entry.writtenAt, timeZone)} · reached Standby ${formatShortMoment(entry.createdAt, timeZone)}`
            : formatShortMoment(entry.createdAt, timeZone)}
        </li>
        {entry.enteredAt && (
          <li className="flex items-center gap-1">
            <CheckCircle2 aria-hidden className="size-3.5" /> Entered into the EHR by{" "}
            {entry.enteredByMe ? "you" : entry.enteredByName},{" "}
            {formatShortMoment(entry.enteredAt, timeZone)}
          </li>
        )}
        {entry.verifiedAt && (
          <li className="flex items-center gap-1">
            <UserCheck aria-hidden className="size-3.5" /> Verified by{" "}
            {entry.verifiedByMe ? "you" : entry.verifiedByName},{" "}
            {formatShortMoment(entry.verifiedAt, timeZone)}
          </li>
        )}
      </ul>
      {problem && (
        <div className="mt-2">
          <RoomProblem problem={problem} />
        </div>
      )}
      {editable && !entry.verifiedAt && (
        <div className="mt-3 flex flex-wrap items-center gap-2">
          {!entry.enteredAt ? (
            <>
              <Button
                variant="secondary"
                disabled={busy}
                onClick={() =>
                  void act(() => markEntered.mutateAsync(ref), "Marked as entered into the EHR")
                }
              >
                <CheckCircle2 aria-hidden className="size-4" /> Mark entered into EHR
              </Button>
              <ConfirmButton
                label={
                  <>
                    <Trash2 aria-hidden className="size-4" /> Remove
                  </>
                }
                title="Remove this paper record?"
                confirmLabel="Remove record"
                disabled={busy}
                onConfirm={() => void act(() => remove.mutateAsync(ref), "Paper record removed")}
              >
                Only for a record added by mistake: it has not been entered into the EHR yet.
              </ConfirmButton>
            </>
          ) : entry.enteredByMe ? (
            <p className="flex items-center gap-1.5 text-sm text-slate-700">
              <UserCheck aria-hidden className="size-4 shrink-0" />
              You entered this record, so someone else verifies it.
            </p>
          ) : (
            <Button
              variant="secondary"
              disabled={busy}
              onClick={() => void act(() => markVerified.mutateAsync(ref), "Paper record verified")}
            >
              <UserCheck aria-hidden className="size-4" /> Verify
            </Button>
          )}
        </div>
      )}
    </li>
  );
}
