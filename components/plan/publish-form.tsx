"use client";

import { useMutation } from "@tanstack/react-query";
import { Send } from "lucide-react";
import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { useTRPC } from "@/components/trpc/client";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { callProblem } from "@/components/trpc/call-problem";
import { useHydrated } from "@/components/ui/use-hydrated";
import { useVersionedForm } from "@/components/ui/use-versioned-form";

/** Publishes the current draft as the next version, with the date it should next be reviewed. */
export function PublishForm({
  practiceId,
  nextNumber,
  defaultReviewOn,
  minReviewOn,
}: {
  practiceId: string;
  nextNumber: number;
  defaultReviewOn: string;
  minReviewOn: string;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const publish = useMutation(trpc.plans.publish.mutationOptions());
  const { form, submit, problem } = useVersionedForm<{ nextReviewOn: string }>({
    defaultValues: { nextReviewOn: defaultReviewOn },
    warnBeforeLeaving: false,
    onSave: async ({ nextReviewOn }) => {
      try {
        const result = await publish.mutateAsync({
          practiceId,
          nextReviewOn: nextReviewOn || undefined,
        });
        toast.success(`Published version ${result.number}`, {
          description: `Completeness ${result.completenessScore} / 100`,
        });
        router.refresh();
        return { saved: true, resetTo: { nextReviewOn: defaultReviewOn } };
      } catch (error) {
        return { saved: false, problem: callProblem(error, "Could not publish. Try again.") };
      }
    },
  });
  const { errors, isSubmitting } = form.formState;
  const hydrated = useHydrated();

  return (
    <form onSubmit={submit} noValidate className="space-y-3" aria-label="Publish the plan">
      {problem && <Alert tone="error">{problem.message}</Alert>}
      <Field
        label="Next review date"
        hint="Defaults to 90 days from today."
        error={errors.nextReviewOn?.message}
      >
        {(props) => (
          <input
            {...props}
            {...form.register("nextReviewOn")}
            type="date"
            min={minReviewOn}
            className={`${props.className} max-w-48`}
          />
        )}
      </Field>
      <Button type="submit" disabled={!hydrated || isSubmitting}>
        <Send aria-hidden className="size-4" />
        {isSubmitting ? "Publishing…" : `Publish version ${nextNumber}`}
      </Button>
    </form>
  );
}
