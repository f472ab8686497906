"use client";

import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import { AlertTriangle, CheckSquare, Square } from "lucide-react";
import { useState } from "react";
import { toast } from "sonner";
import { callProblem } from "@/components/trpc/call-problem";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { formatMoment } from "@/components/ui/format";
import Link from "@/components/ui/link";
import { maintenanceStatusLabels } from "@/server/contracts/maintenance";
import { MaintenanceEdit } from "./maintenance-edit";
import { statusIcons } from "./maintenance-list";

const before = (minutes: number) =>
  minutes >= 24 * 60
    ? `${Math.round(minutes / (24 * 60))} day${minutes >= 48 * 60 ? "s" : ""} before`
    : `${Math.round(minutes / 60)} hour${minutes >= 120 ? "s" : ""} before`;

/** One window: when, what goes down, the prep checklist, and its actions (start now, end, postpone, cancel). */
export function MaintenanceWindowView({
  practiceId,
  windowId,
  canWrite,
  canTellPatients,
}: {
  practiceId: string;
  windowId: string;
  canWrite: boolean;
  canTellPatients: boolean;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const ref = { practiceId, windowId };
  const { data: w } = useSuspenseQuery(trpc.maintenance.get.queryOptions(ref));
  const refresh = () =>
    queryClient.invalidateQueries({ queryKey: trpc.maintenance.get.queryKey(ref) });
  const onError = (error: unknown) => toast.error(callProblem(error).message);
  const prepDone = useMutation(
    trpc.maintenance.setPrepDone.mutationOptions({ onSuccess: refresh, onError }),
  );
  const prepOwner = useMutation(
    trpc.maintenance.setPrepOwner.mutationOptions({ onSuccess: refresh, onError }),
  );
  const startNow = useMutation(
    trpc.maintenance.startNow.mutationOptions({ onSuccess: refresh, onError }),
  );
  const end = useMutation(trpc.maintenance.end.mutationOptions({ onSuccess: refresh, onError }));
  const postpone = useMutation(
    trpc.maintenance.postpone.mutationOptions({ onSuccess: refresh, onError }),
  );
  const cancel = useMutation(
    trpc.maintenance.cancel.mutationOptions({ onSuccess: refresh, onError }),
  );
  const [minutes, setMinutes] = useState(60);
  const [newStart, setNewStart] = useState(w.startsLocal);
  const [newEnd, setNewEnd] = useState(w.endsLocal);
  const [cancelReason, setCancelReason] = useState("");
  const Icon = statusIcons[w.status];
  const [now] = useState(() => Date.now());
  const day = w.startsLocal.slice(0, 10);
  // The appointments inside the window: its hours too, when it starts and ends on the same day.
  const hours =
    w.endsLocal.slice(0, 10) === day
      ? `&from=${w.startsLocal.slice(11)}&to=${w.endsLocal.slice(11)}`
      : "";

  return (
    <div className="space-y-6">
      <section className="rounded-lg border border-slate-200 bg-white p-4">
        <p className="flex items-center gap-2 text-sm font-medium text-slate-800">
          <Icon aria-hidden className="size-5" /> {maintenanceStatusLabels[w.status]}
          {w.vendorWide && ` · vendor maintenance night (${w.linkedPractices} practices)`}
        </p>
        <h2 className="mt-1 text-lg font-semibold text-slate-900">{w.title}</h2>
        {w.reason && <p className="text-sm text-slate-700">{w.reason}</p>}
        <p className="mt-2 text-sm text-slate-700">
          {formatMoment(w.startsAt, w.timezone)} – {formatMoment(w.endsAt, w.timezone)} (
          {w.timezone})
        </p>
        <p className="mt-1 text-sm text-slate-700">
          Down: {w.systems.length ? w.systems.map((s) => s.name).join(", ") : "as the title says"}
          {w.alsoStops.length > 0 && `; also stops: ${w.alsoStops.join(", ")}`}
        </p>
        {w.cancelReason && (
          <p className="mt-1 text-sm text-slate-700">Cancelled: {w.cancelReason}</p>
        )}
        <div className="mt-3 flex flex-wrap gap-3 text-sm">
          {w.incident && (
            <Link
              className="font-medium text-brand-700 underline"
              href={`/practices/${practiceId}/incidents/${w.incident.id}`}
            >
              Open the incident room
            </Link>
          )}
          {canTellPatients && w.status === "scheduled" && (
            <Link
              className="font-medium text-brand-700 underline"
              href={`/practices/${practiceId}/outreach?kind=maintenance&date=${day}${hours}`}
            >
              Tell patients with appointments that day
            </Link>
          )}
        </div>
      </section>

      <section className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 className="text-base font-semibold text-slate-900">Prep checklist</h2>
        <ul className="mt-2 divide-y divide-slate-100">
          {w.prep.map((item) => {
            const overdue =
              !item.doneAt && new Date(item.dueAt).getTime() < now && w.status === "scheduled";
            return (
              <li key={item.id} className="flex flex-wrap items-start gap-3 py-2">
                <button
                  type="button"
                  disabled={!canWrite || prepDone.isPending}
                  aria-pressed={Boolean(item.doneAt)}
                  aria-label={`${item.doneAt ? "Mark not done" : "Mark done"}: ${item.label}`}
                  className="min-h-10 min-w-10 rounded p-2 focus-visible:outline-2"
                  onClick={() =>
                    prepDone.mutate({ ...ref, prepItemId: item.id, done: !item.doneAt })
                  }
                >
                  {item.doneAt ? (
                    <CheckSquare aria-hidden className="size-5 text-green-700" />
                  ) : (
                    <Square aria-hidden className="size-5" />
                  )}
                </button>
                <div className="min-w-0 flex-1 text-sm">
                  <p className="text-slate-900">{item.label}</p>
                  <p className="text-slate-600">
                    Due {before(item.dueMinutesBefore)} ({formatMoment(item.dueAt, w.timezone)})
                    {item.ownerName && ` · owner: ${item.ownerName}`}
                    {item.doneAt &&
                      ` · done by ${item.doneByName} at ${formatMoment(item.doneAt, w.timezone)}`}
                    {overdue && (
                      <span className="ml-1 inline-flex items-center gap-1 font-medium text-red-700">
                        <AlertTriangle aria-hidden className="size-4" /> Overdue
                      </span>
                    )}
                  </p>
                  {canWrite && (
                    <label className="mt-1 flex items-center gap-2 text-xs text-slate-600">
                      Owner
                      <input
                        aria-label={`Owner of: ${item.label}`}
                        defaultValue={item.ownerName}
                        maxLength={120}
                        className="min-h-8 w-40 rounded border border-slate-300 px-2 text-sm"
                        onBlur={(event) => {
                          const ownerName = event.target.value.trim();
                          if (ownerName !== item.ownerName)
                            prepOwner.mutate({ ...ref, prepItemId: item.id, ownerName });
                        }}
                      />
                    </label>
                  )}
                </div>
              </li>
            );
          })}
        </ul>
      </section>

      {canWrite && (w.status === "scheduled" || w.status === "in_progress") && (
        <MaintenanceEdit
          key={w.version}
          practiceId={practiceId}
          windowId={windowId}
          version={w.version}
          title={w.title}
          reason={w.reason}
          systemIds={w.systems.flatMap((system) => (system.id ? [system.id] : []))}
          reminderMinutes={w.reminderMinutes}
        />
      )}
      {canWrite && w.status === "scheduled" && (
        <section className="grid gap-4 rounded-lg border border-slate-200 bg-white p-4 md:grid-cols-3">
          <div className="space-y-2">
            <h2 className="text-sm font-semibold text-slate-900">Start now</h2>
            <label className="block text-sm">
              For minutes
              <input
                type="number"
                min={5}
                max={1440}
                value={minutes}
                onChange={(event) => setMinutes(Number(event.target.value))}
                className="mt-1 block min-h-10 w-full rounded-md border border-slate-300 px-3"
              />
            </label>
            <Button onClick={() => startNow.mutate({ ...ref, version: w.version, minutes })}>
              Start now
            </Button>
          </div>
          <div className="space-y-2">
            <h2 className="text-sm font-semibold text-slate-900">Postpone</h2>
            <label className="block text-sm">
              New start ({w.timezone})
              <input
                type="datetime-local"
                value={newStart}
                onChange={(e) => setNewStart(e.target.value)}
                className="mt-1 block min-h-10 w-full rounded-md border border-slate-300 px-3"
              />
            </label>
            <label className="block text-sm">
              New end ({w.timezone})
              <input
                type="datetime-local"
                value={newEnd}
                onChange={(e) => setNewEnd(e.target.value)}
                className="mt-1 block min-h-10 w-full rounded-md border border-slate-300 px-3"
              />
            </label>
            <Button
              variant="secondary"
              onClick={() =>
                postpone.mutate({
                  ...ref,
                  version: w.version,
                  startsLocal: newStart,
                  endsLocal: newEnd,
                })
              }
            >
              Move the window
            </Button>
          </div>
          <div className="space-y-2">
            <h2 className="text-sm font-semibold text-slate-900">Cancel</h2>
            <label className="block text-sm">
              Why
              <input
                value={cancelReason}
                onChange={(e) => setCancelReason(e.target.value)}
                className="mt-1 block min-h-10 w-full rounded-md border border-slate-300 px-3"
              />
            </label>
            <Button
              variant="secondary"
              onClick={() => {
                if (window.confirm("Cancel this window? Staff are told."))
                  cancel.mutate({ ...ref, version: w.version, reason: cancelReason });
              }}
            >
              Cancel the window
            </Button>
          </div>
        </section>
      )}
      {canWrite && w.status === "in_progress" && (
        <Button onClick={() => end.mutate({ ...ref, version: w.version })}>
          End the maintenance now
        </Button>
      )}
    </div>
  );
}
