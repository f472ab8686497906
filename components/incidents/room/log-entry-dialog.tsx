"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { toast } from "sonner";
import type { z } from "zod";
import { Modal } from "@/components/ui/modal";
import { useTRPC } from "@/components/trpc/client";
import { Field } from "@/components/ui/field";
import { logEntryFieldsSchema } from "@/server/contracts/incidents";
import { dayInZone } from "@/components/ui/format";
import { useActionKey } from "@/components/ui/use-action-key";
import { useVersionedForm } from "@/components/ui/use-versioned-form";
import { useOutbox } from "./outbox";
import { useRoom } from "./room-context";
import { RoomFormActions } from "./room-problem";
import { toSaveOutcome, useRoomAction } from "./use-room-action";

type LogFields = z.infer<typeof logEntryFieldsSchema>;

/** Adds one paper record made during the outage to the downtime documentation log. */
export function LogEntryDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  return (
    <Modal
      open={open}
      size="lg"
      title="Add a paper record"
      description="One visit documented on paper during the outage. Patient data: only the practice's team sees it."
      onClose={onClose}
    >
      {open && <LogEntryForm onDone={onClose} />}
    </Modal>
  );
}

function LogEntryForm({ onDone }: { onDone: () => void }) {
  const trpc = useTRPC();
  const { practiceId, incidentId, timeZone } = useRoom();
  const run = useRoomAction();
  const add = useMutation(trpc.downtimeLog.add.mutationOptions());
  const outbox = useOutbox();
  // The form closes once the record is added: one key per opening of the form.
  const action = useActionKey();
  const [today] = useState(() => dayInZone(new Date(), timeZone));
  const { form, submit, problem } = useVersionedForm<LogFields>({
    schema: logEntryFieldsSchema,
    defaultValues: {
      patient: "",
      visitDate: today,
      provider: "",
      reason: "",
      orders: "",
      followUp: "",
    },
    warnBeforeLeaving: false,
    onSave: async (values) => {
      // Kept on this device when Standby cannot be reached (or something waits already: order).
      const keep = async () => {
        if (!(await outbox?.enqueue({ kind: "log", key: action.key, input: values }))) return false;
        toast.info(
          "No connection: the paper record is kept on this device and sent when Standby is back.",
        );
        onDone();
        return true;
      };
      if (outbox?.shouldQueue() && (await keep())) return { saved: true };
      const outcome = await run(
        () => add.mutateAsync({ ...values, practiceId, incidentId, idempotencyKey: action.key }),
        { success: "Paper record added to the log", log: true },
      );
      // It may have arrived before the answer was lost: it goes to the queue with the same key.
      if (!outcome.ok && outcome.problem.code === "SERVICE_UNAVAILABLE" && (await keep()))
        return { saved: true };
      if (outcome.ok) onDone();
      return toSaveOutcome(outcome);
    },
  });
  const { errors, isSubmitting } = form.formState;

  return (
    <form onSubmit={submit} noValidate className="grid gap-4 sm:grid-cols-2">
      <Field
        label="Patient"
        hint="Name or identifier, as on the paper record."
        error={errors.patient?.message}
      >
        {(props) => <input {...props} {...form.register("patient")} autoComplete="off" />}
      </Field>
      <Field label="Visit date" error={errors.visitDate?.message}>
        {(props) => <input {...props} {...form.register("visitDate")} type="date" />}
      </Field>
      <Field label="Provider" error={errors.provider?.message}>
        {(props) => <input {...props} {...form.register("provider")} autoComplete="off" />}
      </Field>
      <Field label="Reason for visit" error={errors.reason?.message}>
        {(props) => <input {...props} {...form.register("reason")} autoComplete="off" />}
      </Field>
      <Field
        label="Orders"
        hint="Labs, prescriptions, imaging, referrals written on paper."
        error={errors.orders?.message}
      >
        {(props) => <textarea {...props} {...form.register("orders")} rows={2} />}
      </Field>
      <Field label="Follow-up" error={errors.followUp?.message}>
        {(props) => <textarea {...props} {...form.register("followUp")} rows={2} />}
      </Field>
      <RoomFormActions
        problem={problem}
        onCancel={onDone}
        submitting={isSubmitting}
        submitLabel="Add record"
        submittingLabel="Adding…"
      />
    </form>
  );
}
