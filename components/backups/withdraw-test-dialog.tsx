"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { toast } from "sonner";
import { Modal } from "@/components/ui/modal";
import { callProblem } from "@/components/trpc/call-problem";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { SaveProblem } from "@/components/ui/save-problem";
import { useVersionedForm } from "@/components/ui/use-versioned-form";
import type { SaveOutcome } from "@/components/ui/save-outcome";
import { withdrawRestoreTestSchema } from "@/server/contracts/backups";
import { formatMoment } from "@/components/ui/format";
import type { RestoreTestRow } from "./types";

const reasonSchema = withdrawRestoreTestSchema.pick({ reason: true });
type ReasonFields = { reason: string };

/** Withdraws a test recorded in error: it stays in the history, marked, with the reason. */
export function WithdrawTestDialog({
  practiceId,
  test,
  timeZone,
  onClose,
}: {
  practiceId: string;
  test: RestoreTestRow | null;
  timeZone: string;
  onClose: () => void;
}) {
  return (
    <Modal
      open={test !== null}
      title="Withdraw this restore test?"
      description={
        test
          ? `${test.systemName}, tested ${formatMoment(test.testedAt, timeZone)} by ${test.testedByName}.`
          : undefined
      }
      onClose={onClose}
    >
      {test && <WithdrawForm key={test.id} practiceId={practiceId} test={test} onDone={onClose} />}
    </Modal>
  );
}

function WithdrawForm({
  practiceId,
  test,
  onDone,
}: {
  practiceId: string;
  test: RestoreTestRow;
  onDone: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const withdraw = useMutation(trpc.backups.withdrawTest.mutationOptions());

  async function save(values: ReasonFields): Promise<SaveOutcome<ReasonFields>> {
    try {
      await withdraw.mutateAsync({ practiceId, testId: test.id, reason: values.reason });
      await queryClient.invalidateQueries({ queryKey: trpc.backups.pathKey() });
      toast.success(`The ${test.systemName} test is withdrawn`, {
        description: "It stays in the history, marked withdrawn, and no longer counts.",
      });
      onDone();
      return { saved: true };
    } catch (error) {
      return {
        saved: false,
        problem: callProblem(error, "Could not withdraw the test. Try again."),
      };
    }
  }

  const { form, submit, problem } = useVersionedForm<ReasonFields>({
    schema: reasonSchema,
    defaultValues: { reason: "" },
    onSave: save,
  });
  const { errors, isSubmitting } = form.formState;
  return (
    <form onSubmit={submit} noValidate className="space-y-4">
      <p className="text-sm text-slate-700">
        Withdraw a test only when it was recorded in error (wrong system, wrong date, a duplicate).
        It stays in the history, marked withdrawn, and no longer counts for the system&apos;s
        status. A risk it proposed stays in the register.
      </p>
      {problem && (
        <SaveProblem message={problem.message} conflict={false} onLoadLatest={() => undefined} />
      )}
      <Field label="Why is it withdrawn?" error={errors.reason?.message}>
        {(props) => <textarea {...props} {...form.register("reason")} rows={2} />}
      </Field>
      <div className="flex justify-end gap-2">
        <Button variant="secondary" onClick={onDone}>
          Cancel
        </Button>
        <Button type="submit" variant="danger" disabled={isSubmitting}>
          {isSubmitting ? "Withdrawing…" : "Withdraw test"}
        </Button>
      </div>
    </form>
  );
}
