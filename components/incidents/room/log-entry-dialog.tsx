"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { Modal } from "@/components/ui/modal";
import { fieldErrorsFor, type CallProblem } from "@/components/trpc/call-problem";
import { useTRPC } from "@/components/trpc/client";
import { Field } from "@/components/ui/field";
import { logEntryFieldsSchema } from "@/server/contracts/incidents";
import { dayInZone } from "@/components/ui/format";
import { useRoom } from "./room-context";
import { RoomFormActions } from "./room-problem";
import { useRoomAction } from "./use-room-action";
import { useActionKey } from "@/components/ui/use-action-key";

type LogFields = z.infer<typeof logEntryFieldsSchema>;
const fields = ["patient", "visitDate", "provider", "reason", "orders", "followUp"] as const;

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
  // The form closes once the record is added: one key per opening of the form.
  const action = useActionKey();
  const [problem, setProblem] = useState<CallProblem | null>(null);
  const [today] = useState(() => dayInZone(new Date(), timeZone));
  const form = useForm<LogFields>({
    resolver: zodResolver(logEntryFieldsSchema),
    defaultValues: {
      patient: "",
      visitDate: today,
      provider: "",
      reason: "",
      orders: "",
      followUp: "",
    },
  });
  const { errors, isSubmitting } = form.formState;

  const submit = form.handleSubmit(async (values) => {
    setProblem(null);
    const outcome = await run(
      () => add.mutateAsync({ ...values, practiceId, incidentId, idempotencyKey: action.key }),
      { success: "Paper record added to the log", log: true },
    );
    if (outcome.ok) {
      onDone();
      return;
    }
    const found = fieldErrorsFor(outcome.problem, fields);
    for (const [field, message] of Object.entries(found))
      form.setError(field as keyof LogFields, { message: message as string });
    if (Object.keys(found).length === 0) setProblem(outcome.problem);
  });

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
