"use client";

import { useMutation } from "@tanstack/react-query";
import { CircleAlert, Send } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import { useTRPC } from "@/components/trpc/client";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { callProblem } from "@/components/trpc/call-problem";
import { useHydrated } from "@/components/ui/use-hydrated";
import { Modal } from "@/components/ui/modal";
import { useVersionedForm } from "@/components/ui/use-versioned-form";
import type { PlanGap } from "@/server/domain/plan-completeness";
import { gapHref } from "./gaps";

/**
 * Publishes the current draft as the next version, with the date it should next be reviewed. An
 * incomplete plan (it would print a packet with gaps) is published only after a confirmation that
 * lists what is missing, each gap a link to its section's editor.
 */
export function PublishForm({
  practiceId,
  nextNumber,
  defaultReviewOn,
  minReviewOn,
  gaps,
}: {
  practiceId: string;
  nextNumber: number;
  defaultReviewOn: string;
  minReviewOn: string;
  gaps: PlanGap[];
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const publish = useMutation(trpc.plans.publish.mutationOptions());
  const [confirming, setConfirming] = useState(false);
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
    <form
      onSubmit={(event) => {
        if (gaps.length > 0 && !confirming) {
          event.preventDefault();
          setConfirming(true);
          return;
        }
        setConfirming(false);
        void submit(event);
      }}
      noValidate
      className="space-y-3"
      aria-label="Publish the plan"
    >
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
      <Modal
        open={confirming}
        title={`Publish an incomplete plan?`}
        description={`Version ${nextNumber} would go into the packet with ${gaps.length} gap${gaps.length === 1 ? "" : "s"}: the front desk would find these missing on the day of an outage.`}
        onClose={() => setConfirming(false)}
      >
        <ul className="space-y-1.5 text-sm" aria-label="What is missing">
          {gaps.map((gap) => (
            <li key={gap.text} className="flex gap-1.5">
              <CircleAlert aria-hidden className="mt-0.5 size-3.5 shrink-0 text-amber-700" />
              <a
                href={gapHref(gap, true)}
                onClick={() => setConfirming(false)}
                className="text-brand-700 underline-offset-2 hover:underline"
              >
                {gap.text}
              </a>
            </li>
          ))}
        </ul>
        <div className="mt-4 flex flex-wrap justify-end gap-2">
          <Button variant="secondary" onClick={() => setConfirming(false)}>
            Keep editing
          </Button>
          <Button
            onClick={(event) => event.currentTarget.form?.requestSubmit()}
            disabled={isSubmitting}
          >
            <Send aria-hidden className="size-4" /> Publish with {gaps.length} gap
            {gaps.length === 1 ? "" : "s"}
          </Button>
        </div>
      </Modal>
    </form>
  );
}
