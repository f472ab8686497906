"use client";

import { useMutation } from "@tanstack/react-query";
import { Flag, Settings2 } from "lucide-react";
import { useState } from "react";
import { useWatch } from "react-hook-form";
import { z } from "zod";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { useHydrated } from "@/components/ui/use-hydrated";
import { isReopen } from "@/server/domain/incident-status";
import {
  changeStatusSchema,
  incidentSeverityLabels,
  incidentStatusLabels,
  type IncidentStatus,
} from "@/server/contracts/incidents";
import { useVersionedForm } from "@/components/ui/use-versioned-form";
import { statusLook, StatusBadge } from "./badges";
import { brandChecked, ChoiceChip } from "./choice-chip";
import { formatMinutes } from "./format";
import { Panel } from "./panel";
import { changeStatusFormId } from "./phone-action-bar";
import { useRoom } from "./room-context";
import { RoomProblem } from "./room-problem";
import { SettingsDialog } from "./settings-dialog";
import { toSaveOutcome, useRoomAction } from "./use-room-action";
import type { IncidentView } from "./types";
import { telHref } from "@/server/domain/phone-number";

const statusFormSchema = z.object({
  status: changeStatusSchema.shape.status,
  note: changeStatusSchema.shape.note,
});
type StatusFields = z.infer<typeof statusFormSchema>;

const meaning: Partial<Record<IncidentStatus, string>> = {
  identified: "The cause is known.",
  monitoring: "A fix is in; watching that it holds.",
  resolved:
    "Service is back: the clock stops and recovery starts (reconciliation checklist and downtime log).",
};

/** Where the outage stands, and who runs it. */
export function StatusPanel({ view, className = "" }: { view: IncidentView; className?: string }) {
  const { access } = useRoom();
  const [editing, setEditing] = useState(false);
  const hydrated = useHydrated();
  const { incident } = view;
  const canChange = access.canWrite && incident.status !== "closed";
  return (
    <Panel
      id="status"
      className={className}
      title="Status and owner"
      icon={Flag}
      actions={
        canChange ? (
          <Button variant="secondary" disabled={!hydrated} onClick={() => setEditing(true)}>
            <Settings2 aria-hidden className="size-4" /> Edit owner and settings
          </Button>
        ) : null
      }
    >
      <dl className="grid grid-cols-2 gap-x-4 gap-y-2 text-sm">
        <div>
          <dt className="text-slate-600">Status</dt>
          <dd className="mt-0.5">
            <StatusBadge status={incident.status} />
          </dd>
        </div>
        <div>
          <dt className="text-slate-600">Outage owner</dt>
          <dd className="font-medium text-slate-900">
            {incident.ownerName}
            {incident.ownerPhone && (
              <>
                {" · "}
                <a
                  href={telHref(incident.ownerPhone)}
                  className="whitespace-nowrap text-brand-700 underline-offset-2 hover:underline"
                >
                  {incident.ownerPhone}
                </a>
              </>
            )}
          </dd>
        </div>
        <div>
          <dt className="text-slate-600">Updates promised</dt>
          <dd className="font-medium text-slate-900">
            Every {formatMinutes(incident.updateEveryMinutes)}
          </dd>
        </div>
        <div>
          <dt className="text-slate-600">Severity · patient care</dt>
          <dd className="font-medium text-slate-900">
            {incidentSeverityLabels[incident.severity]} ·{" "}
            {incident.patientCareInterrupted ? "interrupted" : "not interrupted"}
          </dd>
        </div>
      </dl>
      {canChange && view.nextStatuses.length > 0 && <StatusForm view={view} />}
      {canChange && <SettingsDialog view={view} open={editing} onClose={() => setEditing(false)} />}
    </Panel>
  );
}

function StatusForm({ view }: { view: IncidentView }) {
  const trpc = useTRPC();
  const hydrated = useHydrated();
  const { practiceId, incidentId } = useRoom();
  const run = useRoomAction();
  const change = useMutation(trpc.incidents.changeStatus.mutationOptions());
  const { incident } = view;
  const { form, submit, problem } = useVersionedForm<StatusFields>({
    schema: statusFormSchema,
    defaultValues: { note: "" },
    warnBeforeLeaving: false,
    onSave: async (values) => {
      // The version shown now: the page follows the incident live, so it is what the person sees.
      const outcome = await run(
        () => change.mutateAsync({ ...values, practiceId, incidentId, version: incident.version }),
        { success: `Status: ${incidentStatusLabels[values.status]}` },
      );
      return outcome.ok
        ? { saved: true, resetTo: { status: undefined, note: "" } }
        : toSaveOutcome(outcome);
    },
  });
  const picked = useWatch({ control: form.control, name: "status" });
  // Someone else may have moved the status on since: only a status still offered counts.
  const chosen = picked && view.nextStatuses.includes(picked) ? picked : undefined;
  const { errors, isSubmitting } = form.formState;

  return (
    <form
      id={changeStatusFormId}
      onSubmit={submit}
      noValidate
      className="mt-4 scroll-mt-24 space-y-3 border-t border-slate-100 pt-4"
    >
      <div role="radiogroup" aria-labelledby="status-choice-label" className="space-y-1.5">
        <span id="status-choice-label" className="block text-sm font-semibold text-slate-800">
          Change the status
        </span>
        <div className="flex flex-wrap gap-1.5">
          {view.nextStatuses.map((status) => (
            <ChoiceChip
              key={status}
              value={status}
              icon={statusLook[status].Icon}
              label={
                isReopen(incident.status, status)
                  ? `Reopen: ${incidentStatusLabels[status]}`
                  : incidentStatusLabels[status]
              }
              checkedClassName={brandChecked}
              {...form.register("status")}
            />
          ))}
        </div>
        {chosen && meaning[chosen] && <p className="text-sm text-slate-600">{meaning[chosen]}</p>}
        {errors.status && (
          <p role="alert" className="text-sm text-red-700">
            {errors.status.message}
          </p>
        )}
      </div>
      <Field
        label="Note (optional)"
        hint="Shown on the timeline with the change."
        error={errors.note?.message}
      >
        {(props) => <textarea {...props} {...form.register("note")} rows={2} />}
      </Field>
      {problem && <RoomProblem problem={problem} />}
      <div className="flex justify-end">
        <Button type="submit" disabled={!hydrated || isSubmitting || !chosen}>
          {isSubmitting
            ? "Changing…"
            : chosen
              ? `Change to ${incidentStatusLabels[chosen]}`
              : "Change status"}
        </Button>
      </div>
    </form>
  );
}
