"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { toast } from "sonner";
import type { z } from "zod";
import { callProblem } from "@/components/trpc/call-problem";
import { useTRPC } from "@/components/trpc/client";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { formatClock } from "@/components/ui/format";
import { Modal } from "@/components/ui/modal";
import { useActionKey } from "@/components/ui/use-action-key";
import { useVersionedForm } from "@/components/ui/use-versioned-form";
import { walkInFieldsSchema } from "@/server/contracts/schedule";

const walkInFormSchema = walkInFieldsSchema.omit({ date: true });
type WalkInForm = z.input<typeof walkInFormSchema>;

export type AddedWalkIn = {
  id: string;
  version: number;
  walkInAt: Date;
  values: z.output<typeof walkInFormSchema>;
};

/** Adds a patient who came in without an appointment, during the outage: name, phone, time, provider. */
export function WalkInDialog({
  open,
  onClose,
  practiceId,
  incidentId,
  date,
  timeZone,
  providers,
  onAdded,
}: {
  open: boolean;
  onClose: () => void;
  practiceId: string;
  incidentId: string;
  date: string;
  timeZone: string;
  providers: string[];
  onAdded: (walkIn: AddedWalkIn) => void;
}) {
  return (
    <Modal
      open={open}
      title="Add a walk-in"
      description="A patient seen during the outage without an appointment. It becomes a line of the recovery reconciliation, to enter into the EHR afterwards."
      onClose={onClose}
    >
      {open && (
        <WalkInFormFields
          practiceId={practiceId}
          incidentId={incidentId}
          date={date}
          timeZone={timeZone}
          providers={providers}
          onDone={onClose}
          onAdded={onAdded}
        />
      )}
    </Modal>
  );
}

function WalkInFormFields({
  practiceId,
  incidentId,
  date,
  timeZone,
  providers,
  onDone,
  onAdded,
}: {
  practiceId: string;
  incidentId: string;
  date: string;
  timeZone: string;
  providers: string[];
  onDone: () => void;
  onAdded: (walkIn: AddedWalkIn) => void;
}) {
  const trpc = useTRPC();
  const add = useMutation(trpc.schedule.addWalkIn.mutationOptions());
  // One key per opening of the form: a double submit or a retry adds the walk-in once.
  const action = useActionKey();
  const [now] = useState(() => formatClock(new Date(), timeZone));
  const { form, submit, problem } = useVersionedForm<WalkInForm, z.output<typeof walkInFormSchema>>(
    {
      schema: walkInFormSchema,
      defaultValues: { name: "", phone: "", at: now, providerName: providers[0] ?? "", note: "" },
      warnBeforeLeaving: false,
      onSave: async (values) => {
        try {
          const added = await add.mutateAsync({
            ...values,
            practiceId,
            incidentId,
            date,
            idempotencyKey: action.key,
          });
          toast.success(`Walk-in added: ${values.name}`);
          onAdded({ ...added, values });
          onDone();
          return { saved: true };
        } catch (error) {
          return { saved: false, problem: callProblem(error) };
        }
      },
    },
  );
  const { errors, isSubmitting } = form.formState;

  return (
    <form onSubmit={submit} noValidate className="grid gap-4 sm:grid-cols-2">
      <Field label="Patient's name" error={errors.name?.message}>
        {(props) => <input {...props} {...form.register("name")} autoComplete="off" />}
      </Field>
      <Field label="Phone (optional)" error={errors.phone?.message}>
        {(props) => <input {...props} {...form.register("phone")} type="tel" autoComplete="off" />}
      </Field>
      <Field label="Time" hint="On the practice's clock." error={errors.at?.message}>
        {(props) => <input {...props} {...form.register("at")} type="time" step={60} />}
      </Field>
      <Field label="Provider" error={errors.providerName?.message}>
        {(props) => (
          <>
            <input
              {...props}
              {...form.register("providerName")}
              list="walk-in-providers"
              autoComplete="off"
            />
            <datalist id="walk-in-providers">
              {providers.map((provider) => (
                <option key={provider} value={provider} />
              ))}
            </datalist>
          </>
        )}
      </Field>
      <div className="sm:col-span-2">
        <Field label="Note (optional)" error={errors.note?.message}>
          {(props) => <textarea {...props} {...form.register("note")} rows={2} />}
        </Field>
      </div>
      {problem && (
        <div className="sm:col-span-2">
          <Alert tone="error">{problem.message}</Alert>
        </div>
      )}
      <div className="flex flex-wrap justify-end gap-2 sm:col-span-2">
        <Button variant="secondary" onClick={onDone}>
          Cancel
        </Button>
        <Button type="submit" disabled={isSubmitting}>
          {isSubmitting ? "Adding…" : "Add walk-in"}
        </Button>
      </div>
    </form>
  );
}
