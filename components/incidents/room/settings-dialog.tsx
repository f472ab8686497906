"use client";

import { useMutation } from "@tanstack/react-query";
import { useMemo } from "react";
import { Modal } from "@/components/ui/modal";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { Checkbox, Field } from "@/components/ui/field";
import { useVersionedForm } from "@/components/ui/use-versioned-form";
import {
  incidentSettingsSchema,
  incidentSeverities,
  type IncidentSeverity,
} from "@/server/contracts/incidents";
import { useRoom } from "./room-context";
import { RoomProblem } from "./room-problem";
import { toSaveOutcome, useRoomAction } from "./use-room-action";
import type { IncidentView } from "./types";

const settingsFormSchema = incidentSettingsSchema.omit({
  practiceId: true,
  incidentId: true,
  version: true,
});
type SettingsFields = {
  ownerName: string;
  ownerPhone: string;
  updateEveryMinutes: number;
  patientCareInterrupted: boolean;
  severity: IncidentSeverity;
};

/** The owner, their phone, how often updates are promised, severity and patient care. */
export function SettingsDialog({
  view,
  open,
  onClose,
}: {
  view: IncidentView;
  open: boolean;
  onClose: () => void;
}) {
  return (
    <Modal
      open={open}
      title="Owner and settings"
      description="Everyone watching sees the change on the timeline."
      onClose={onClose}
    >
      {open && <SettingsForm view={view} onDone={onClose} />}
    </Modal>
  );
}

function SettingsForm({ view, onDone }: { view: IncidentView; onDone: () => void }) {
  const trpc = useTRPC();
  const { practiceId, incidentId } = useRoom();
  const run = useRoomAction();
  const update = useMutation(trpc.incidents.updateSettings.mutationOptions());
  const { incident } = view;
  const latest = useMemo(
    () => ({
      values: {
        ownerName: incident.ownerName,
        ownerPhone: incident.ownerPhone,
        updateEveryMinutes: incident.updateEveryMinutes,
        patientCareInterrupted: incident.patientCareInterrupted,
        severity: incident.severity,
      },
      version: incident.version,
    }),
    [
      incident.ownerName,
      incident.ownerPhone,
      incident.updateEveryMinutes,
      incident.patientCareInterrupted,
      incident.severity,
      incident.version,
    ],
  );
  const { form, submit, problem, conflict, latestArrived, loadLatest, keepMine } =
    useVersionedForm<SettingsFields>({
      schema: settingsFormSchema,
      defaultValues: latest.values,
      version: latest.version,
      latest,
      onSave: async (values, version) => {
        const outcome = await run(
          () => update.mutateAsync({ ...values, version, practiceId, incidentId }),
          { success: "Settings saved" },
        );
        if (!outcome.ok) return toSaveOutcome(outcome);
        onDone();
        return { saved: true, version: outcome.value.version };
      },
    });
  const { errors, isSubmitting } = form.formState;

  return (
    <form onSubmit={submit} noValidate className="grid gap-4 sm:grid-cols-2">
      <Field label="Outage owner" error={errors.ownerName?.message}>
        {(props) => <input {...props} {...form.register("ownerName")} autoComplete="name" />}
      </Field>
      <Field
        label="Owner's phone"
        hint="A mobile number that works when the office phones do not."
        error={errors.ownerPhone?.message}
      >
        {(props) => (
          <input {...props} {...form.register("ownerPhone")} type="tel" autoComplete="tel" />
        )}
      </Field>
      <Field label="Promise an update every (minutes)" error={errors.updateEveryMinutes?.message}>
        {(props) => (
          <input
            {...props}
            {...form.register("updateEveryMinutes", { valueAsNumber: true })}
            type="number"
            inputMode="numeric"
            min={5}
            max={1440}
            step={5}
          />
        )}
      </Field>
      <Field label="Severity" error={errors.severity?.message}>
        {(props) => (
          <select {...props} {...form.register("severity")}>
            {incidentSeverities.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        )}
      </Field>
      <div className="sm:col-span-2">
        <Checkbox
          label="Patient care is interrupted"
          hint="Patients cannot be cared for as usual: shown in red to everyone watching."
          {...form.register("patientCareInterrupted")}
        />
      </div>
      {problem && (
        <div className="sm:col-span-2">
          <RoomProblem
            problem={problem}
            conflict={conflict}
            latestArrived={latestArrived}
            onLoadLatest={loadLatest}
            onKeepMine={keepMine}
          />
        </div>
      )}
      <div className="flex justify-end gap-2 sm:col-span-2">
        <Button variant="secondary" onClick={onDone}>
          Cancel
        </Button>
        <Button type="submit" disabled={isSubmitting}>
          {isSubmitting ? "Saving…" : "Save settings"}
        </Button>
      </div>
    </form>
  );
}
