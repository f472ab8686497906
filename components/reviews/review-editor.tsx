"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { RotateCcw } from "lucide-react";
import { useState } from "react";
import { toast } from "sonner";
import { callProblem, type CallProblem } from "@/components/trpc/call-problem";
import { useTRPC } from "@/components/trpc/client";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { ReviewFields } from "@/server/contracts/reviews";
import { ReviewForm, type ReviewSaveOutcome } from "./review-form";
import { fieldsOf, type Review } from "./types";

type Problem = { kind: "save" | "sign-off"; found: CallProblem };

/**
 * Saves the review with the version it was opened at and signs it off. A newer save by someone else
 * is a conflict: the server's message stays, the form keeps what this person typed, and "Load their
 * version" replaces it only when they ask.
 */
export function ReviewEditor({ practiceId, review }: { practiceId: string; review: Review }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [version, setVersion] = useState(review.version);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [refusal, setRefusal] = useState<string[] | null>(null);
  const [resetTo, setResetTo] = useState<ReviewFields>();
  const [loading, setLoading] = useState(false);
  const [defaults] = useState(() => fieldsOf(review));
  const save = useMutation(trpc.reviews.save.mutationOptions());
  const signOff = useMutation(trpc.reviews.signOff.mutationOptions());
  const ref = { practiceId, reviewId: review.id };
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.reviews.get.queryKey(ref) }),
      queryClient.invalidateQueries({ queryKey: trpc.reviews.list.queryKey({ practiceId }) }),
    ]);

  /** Saves; the new version, or null when it failed (the problem is shown). */
  async function saveValues(values: ReviewFields, kind: Problem["kind"]): Promise<number | null> {
    try {
      const result = await save.mutateAsync({ ...values, ...ref, version });
      setVersion(result.version);
      return result.version;
    } catch (error) {
      setProblem({ kind, found: callProblem(error) });
      return null;
    }
  }

  async function submit(values: ReviewFields): Promise<ReviewSaveOutcome> {
    setProblem(null);
    setRefusal(null);
    const saved = await saveValues(values, "save");
    if (saved === null) return { saved: false };
    toast.success("Review saved");
    void refresh();
    return { saved: true };
  }

  async function submitSignOff(values: ReviewFields, dirty: boolean): Promise<boolean> {
    setProblem(null);
    setRefusal(null);
    let current = version;
    if (dirty) {
      const saved = await saveValues(values, "sign-off");
      if (saved === null) return false;
      current = saved;
    }
    try {
      await signOff.mutateAsync({ ...ref, version: current });
      toast.success("Review signed off", {
        description: "It is frozen now; the next review is scheduled from today.",
      });
      await refresh();
      return true;
    } catch (error) {
      setProblem({ kind: "sign-off", found: callProblem(error, "Could not sign off. Try again.") });
      return false;
    }
  }

  async function loadTheirs() {
    setLoading(true);
    try {
      const latest = await queryClient.fetchQuery({
        ...trpc.reviews.get.queryOptions(ref),
        staleTime: 0,
      });
      setVersion(latest.review.version);
      setResetTo(fieldsOf(latest.review));
      setProblem(null);
      toast.info(`Loaded the latest version, saved by ${latest.review.updatedByName}`);
      void queryClient.invalidateQueries({ queryKey: trpc.reviews.list.queryKey({ practiceId }) });
    } catch (error) {
      setProblem({
        kind: "save",
        found: callProblem(error, "Could not load the latest version. Try again."),
      });
    } finally {
      setLoading(false);
    }
  }

  const notice = refusal ? (
    <Alert tone="error">
      <p className="font-medium">This review cannot be signed off yet:</p>
      <ul className="mt-1 list-disc pl-5">
        {refusal.map((item) => (
          <li key={item}>{item}</li>
        ))}
      </ul>
    </Alert>
  ) : problem ? (
    <Alert tone="error">
      <p>
        {problem.kind === "sign-off" && problem.found.code !== "CONFLICT" ? "Not signed off. " : ""}
        {problem.found.message}
      </p>
      {problem.found.code === "CONFLICT" && (
        <Button
          variant="secondary"
          className="mt-2"
          onClick={() => void loadTheirs()}
          disabled={loading}
        >
          <RotateCcw aria-hidden className="size-4" />
          {loading ? "Loading…" : "Load their version"}
        </Button>
      )}
    </Alert>
  ) : null;

  return (
    <ReviewForm
      defaultValues={defaults}
      resetTo={resetTo}
      onSubmit={submit}
      onSignOff={submitSignOff}
      onSignOffRefused={(problems) => {
        setProblem(null);
        setRefusal(problems);
      }}
      notice={notice}
      signingOff={signOff.isPending}
    />
  );
}
