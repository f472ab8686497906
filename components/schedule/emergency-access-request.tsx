"use client";

import { useMutation } from "@tanstack/react-query";
import { KeyRound } from "lucide-react";
import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { z } from "zod";
import { callProblem } from "@/components/trpc/call-problem";
import { useTRPC } from "@/components/trpc/client";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { useHydrated } from "@/components/ui/use-hydrated";
import { useVersionedForm } from "@/components/ui/use-versioned-form";
import {
  EMERGENCY_ACCESS_MINUTES,
  EMERGENCY_REASON_MIN_LENGTH,
  emergencyReasonSchema,
} from "@/server/contracts/emergency-access";

const reasonForm = z.object({ reason: emergencyReasonSchema });

/**
 * An MSP admin's way to the schedule copy: emergency access to the practice's patient records, with
 * a written reason, read only, for EMERGENCY_ACCESS_MINUTES. The page is read again once it is given.
 */
export function EmergencyAccessRequest({ practiceId }: { practiceId: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const hydrated = useHydrated();
  const request = useMutation(trpc.emergencyAccess.request.mutationOptions());
  const { form, submit, problem } = useVersionedForm<z.infer<typeof reasonForm>>({
    schema: reasonForm,
    defaultValues: { reason: "" },
    warnBeforeLeaving: false,
    onSave: async ({ reason }) => {
      try {
        await request.mutateAsync({ practiceId, reason });
        toast.success(`Emergency access for ${EMERGENCY_ACCESS_MINUTES} minutes`);
        router.refresh();
        return { saved: true };
      } catch (error) {
        return { saved: false, problem: callProblem(error) };
      }
    },
  });
  const { errors, isSubmitting } = form.formState;
  return (
    <form
      onSubmit={submit}
      noValidate
      className="max-w-xl space-y-3 rounded-md border border-amber-400 bg-amber-50 p-3"
    >
      <Field
        label="Why do you need the schedule's patient records?"
        hint={`At least ${EMERGENCY_REASON_MIN_LENGTH} characters: what happened, and who asked.`}
        error={errors.reason?.message}
      >
        {(props) => <textarea {...props} {...form.register("reason")} rows={3} />}
      </Field>
      {problem && <Alert tone="error">{problem.message}</Alert>}
      <Button type="submit" variant="danger" disabled={!hydrated || isSubmitting}>
        <KeyRound aria-hidden className="size-4" />
        {isSubmitting ? "Opening…" : `Open for ${EMERGENCY_ACCESS_MINUTES} minutes`}
      </Button>
    </form>
  );
}
