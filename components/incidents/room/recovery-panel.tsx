"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { AlertTriangle, CheckCircle2, Circle, Lock, ShieldAlert, Undo2 } from "lucide-react";
import { useState } from "react";
import { toast } from "sonner";
import { z } from "zod";
import { callProblem, type CallProblem } from "@/components/trpc/call-problem";
import { useTRPC } from "@/components/trpc/client";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { Field } from "@/components/ui/field";
import { useHydrated } from "@/components/ui/use-hydrated";
import { OVERRIDE_REASON_MIN_LENGTH } from "@/server/domain/incident-closing";
import { formatShortMoment } from "@/components/ui/format";
import { useVersionedForm } from "@/components/ui/use-versioned-form";
import { DowntimeLog } from "./downtime-log";
import { EmergencyDowntimeLog } from "./emergency-log";
import { Panel } from "./panel";
import { useRoom } from "./room-context";
import { RoomProblem } from "./room-problem";
import { ScheduleMarks } from "./schedule-marks";
import { useRoomAction } from "./use-room-action";
import type { IncidentView } from "./types";

/** After service returns: the reconciliation checklist, the downtime documentation log, and closing. */
export function RecoveryPanel({
  view,
  className = "",
}: {
  view: IncidentView;
  className?: string;
}) {
  const { access } = useRoom();
  return (
    <Panel id="recovery" title="Recovery" icon={Undo2} className={className}>
      <div className="space-y-6">
        <Checklist view={view} />
        {/* Patient data: leadership sees nothing of the log, not even its counts. */}
        {access.canSeeLog ? (
          <DowntimeLog view={view} />
        ) : access.canBreakGlass ? (
          <EmergencyDowntimeLog view={view} />
        ) : null}
        {/* Counts for everyone who may change the incident; names only for those who work patient data. */}
        <ScheduleMarks view={view} />
        <CloseIncident view={view} />
      </div>
    </Panel>
  );
}

function Checklist({ view }: { view: IncidentView }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const hydrated = useHydrated();
  const { practiceId, incidentId, timeZone, access } = useRoom();
  const check = useMutation(trpc.incidents.checkItem.mutationOptions());
  // Shown at once, until the incident read after the change confirms it.
  const [optimistic, setOptimistic] = useState<Record<string, boolean>>({});
  const editable = access.canWrite && view.incident.status !== "closed";
  const items = view.reconciliation;
  const done = items.filter((item) => item.checkedAt).length;

  async function toggle(itemId: string, checked: boolean) {
    setOptimistic((current) => ({ ...current, [itemId]: checked }));
    try {
      await check.mutateAsync({ practiceId, incidentId, itemId, checked });
    } catch (error) {
      toast.error(callProblem(error).message);
    }
    await queryClient.invalidateQueries({
      queryKey: trpc.incidents.get.queryKey({ practiceId, incidentId }),
    });
    setOptimistic(({ [itemId]: _settled, ...rest }) => rest);
  }

  return (
    <section aria-labelledby="checklist-heading" className="space-y-2">
      <h3
        id="checklist-heading"
        className="flex flex-wrap items-baseline justify-between gap-2 text-base font-semibold text-slate-900"
      >
        Reconciliation checklist
        <span className="text-sm font-normal text-slate-600">
          {done} of {items.length} done
        </span>
      </h3>
      {items.length === 0 ? (
        <p className="text-sm text-slate-600">
          The checklist is made from the plan when the incident is resolved.
        </p>
      ) : (
        <ul className="divide-y divide-slate-100 rounded-md border border-slate-200">
          {items.map((item) => {
            const checked = optimistic[item.id] ?? Boolean(item.checkedAt);
            const who =
              item.checkedAt && item.checkedByName
                ? `Done by ${item.checkedByName}, ${formatShortMoment(item.checkedAt, timeZone)}`
                : null;
            return (
              <li key={item.id} className="flex items-start gap-3 px-3 py-2.5">
                {editable ? (
                  <input
                    id={`item-${item.id}`}
                    type="checkbox"
                    className="mt-0.5 size-5 shrink-0 rounded border-slate-400 accent-brand-700"
                    checked={checked}
                    disabled={!hydrated || item.id in optimistic}
                    onChange={(event) => void toggle(item.id, event.target.checked)}
                  />
                ) : checked ? (
                  <CheckCircle2 aria-hidden className="mt-0.5 size-5 shrink-0 text-emerald-700" />
                ) : (
                  <Circle aria-hidden className="mt-0.5 size-5 shrink-0 text-slate-400" />
                )}
                <div className="min-w-0 text-sm">
                  {editable ? (
                    <label htmlFor={`item-${item.id}`} className="font-medium text-slate-900">
                      {item.label}
                    </label>
                  ) : (
                    <span className="font-medium text-slate-900">
                      <span className="sr-only">{checked ? "Done: " : "Open: "}</span>
                      {item.label}
                    </span>
                  )}
                  <span className="block text-xs text-slate-600">
                    {who ?? (checked ? "Saving…" : "Open")}
                  </span>
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

const overrideSchema = z.object({
  overrideReason: z
    .string()
    .trim()
    .min(
      OVERRIDE_REASON_MIN_LENGTH,
      `Write why it closes with open items (at least ${OVERRIDE_REASON_MIN_LENGTH} characters).`,
    )
    .max(2000, "At most 2,000 characters."),
});

function CloseIncident({ view }: { view: IncidentView }) {
  const trpc = useTRPC();
  const hydrated = useHydrated();
  const { practiceId, incidentId, timeZone, access } = useRoom();
  const run = useRoomAction();
  const close = useMutation(trpc.incidents.close.mutationOptions());
  const [problem, setProblem] = useState<CallProblem | null>(null);
  const { incident, closeBlockers } = view;
  const { form, submit } = useVersionedForm<z.infer<typeof overrideSchema>>({
    schema: overrideSchema,
    defaultValues: { overrideReason: "" },
    warnBeforeLeaving: false,
    onSave: async (values) =>
      (await attempt(values.overrideReason)) ? { saved: true } : { saved: false },
  });

  if (incident.status === "closed") {
    return (
      <section
        aria-labelledby="close-heading"
        className="rounded-md border border-slate-300 bg-slate-50 px-3 py-3 text-sm"
      >
        <h3 id="close-heading" className="flex items-center gap-2 font-semibold text-slate-900">
          <Lock aria-hidden className="size-4" /> Closed
        </h3>
        <p className="mt-1 text-slate-700">
          Closed by {incident.closedByName ?? "someone"}
          {incident.closedAt ? `, ${formatShortMoment(incident.closedAt, timeZone)}` : ""}.
        </p>
        {incident.closeOverrideReason && (
          <p className="mt-1 text-slate-700">
            Closed by an admin with open items: <q>{incident.closeOverrideReason}</q>
          </p>
        )}
      </section>
    );
  }
  if (!access.canWrite) {
    return closeBlockers.length > 0 ? <Blockers blockers={closeBlockers} /> : null;
  }

  /** Whether it closed; if not, why is shown above the buttons. */
  async function attempt(overrideReason?: string): Promise<boolean> {
    setProblem(null);
    const outcome = await run(
      () =>
        close.mutateAsync({
          practiceId,
          incidentId,
          version: incident.version,
          ...(overrideReason ? { overrideReason } : {}),
        }),
      {
        success: overrideReason
          ? "Incident closed with open items; the reason is recorded"
          : "Incident closed",
        log: true,
      },
    );
    if (!outcome.ok) setProblem(outcome.problem);
    return outcome.ok;
  }

  return (
    <section aria-labelledby="close-heading" className="space-y-3 border-t border-slate-100 pt-4">
      <h3 id="close-heading" className="text-base font-semibold text-slate-900">
        Close the incident
      </h3>
      {closeBlockers.length > 0 ? (
        <Blockers blockers={closeBlockers} />
      ) : (
        <p className="flex items-center gap-2 text-sm text-emerald-900">
          <CheckCircle2 aria-hidden className="size-4" /> Ready to close: the checklist is done and
          every paper record is entered and verified.
        </p>
      )}
      {problem && <RoomProblem problem={problem} />}
      <div className="flex flex-wrap gap-2">
        <ConfirmButton
          variant="primary"
          label={
            <>
              <Lock aria-hidden className="size-4" /> Close incident
            </>
          }
          title="Close this incident?"
          confirmLabel="Close incident"
          disabled={!hydrated || close.isPending}
          onConfirm={() => void attempt()}
        >
          A closed incident can no longer change. The post-incident review can still be written
          afterwards.
        </ConfirmButton>
      </div>
      {closeBlockers.length > 0 && access.isAdmin && (
        <form
          onSubmit={submit}
          noValidate
          className="space-y-2 rounded-md border border-amber-300 bg-amber-50 p-3"
        >
          <p className="flex items-start gap-2 text-sm text-amber-950">
            <ShieldAlert aria-hidden className="mt-0.5 size-4 shrink-0" />
            As an MSP admin you may close it with these items open. The reason is kept with the
            incident and in the audit log.
          </p>
          <Field
            label="Why close it with open items?"
            error={form.formState.errors.overrideReason?.message}
          >
            {(props) => <textarea {...props} {...form.register("overrideReason")} rows={2} />}
          </Field>
          <Button type="submit" variant="danger" disabled={!hydrated || close.isPending}>
            Close anyway
          </Button>
        </form>
      )}
    </section>
  );
}

function Blockers({ blockers }: { blockers: string[] }) {
  return (
    <Alert>
      <p className="font-semibold">Not ready to close yet:</p>
      <ul className="mt-1 space-y-0.5">
        {blockers.map((blocker) => (
          <li key={blocker} className="flex items-start gap-1.5">
            <AlertTriangle aria-hidden className="mt-0.5 size-3.5 shrink-0" />
            {blocker}
          </li>
        ))}
      </ul>
    </Alert>
  );
}
