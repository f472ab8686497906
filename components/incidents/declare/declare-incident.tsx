"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import { incidentHref } from "@/components/incidents/list/types";
import { callProblem, fieldErrorsFor } from "@/components/trpc/call-problem";
import { useTRPC } from "@/components/trpc/client";
import type { SaveOutcome } from "@/components/ui/save-outcome";
import { useActionKey } from "@/components/ui/use-action-key";
import {
  DeclareForm,
  type DeclarePrefill,
  type DeclareValues,
  type PracticeChoice,
} from "./declare-form";

const fields = [
  "practiceId",
  "title",
  "systemIds",
  "severity",
  "patientCareInterrupted",
  "startedAt",
  "ownerName",
  "updateEveryMinutes",
] as const;

/** Declares the outage, then takes the person straight to the incident, where everyone watching meets. */
export function DeclareIncident({
  practices,
  defaultPracticeId,
  canEditMap,
  prefill = null,
}: {
  practices: PracticeChoice[];
  defaultPracticeId: string;
  canEditMap: boolean;
  /** Opened from a suspected outage: its system and when the monitors saw it go down. */
  prefill?: DeclarePrefill | null;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [problem, setProblem] = useState<string | null>(null);
  const declare = useMutation(trpc.incidents.declare.mutationOptions());
  // Declaring leads to the incident's page: one key per visit to this form.
  const action = useActionKey();

  async function save(values: DeclareValues): Promise<SaveOutcome<DeclareValues>> {
    setProblem(null);
    try {
      const { id } = await declare.mutateAsync({
        ...values,
        // Declared from the suspected outage only while it is still the practice chosen.
        suspectedOutageId:
          prefill && values.practiceId === defaultPracticeId
            ? prefill.suspectedOutageId
            : undefined,
        idempotencyKey: action.key,
      });
      const practiceName =
        practices.find((practice) => practice.id === values.practiceId)?.name ?? "the practice";
      toast.success(`Outage declared at ${practiceName}`);
      // The banner and the lists learn of it now, not at their next refresh.
      void queryClient.invalidateQueries({ queryKey: trpc.incidents.pathKey() });
      router.push(incidentHref({ practiceId: values.practiceId, id }));
      return { saved: true };
    } catch (error) {
      const found = callProblem(error, "Could not declare the outage. Try again.");
      // Someone declared at this practice meanwhile: the form shows it and offers to join it.
      if (found.code === "CONFLICT")
        void queryClient.invalidateQueries({
          queryKey: trpc.incidents.openAtPractice.queryKey({ practiceId: values.practiceId }),
        });
      const fieldErrors = fieldErrorsFor(found, fields);
      if (Object.keys(fieldErrors).length === 0) setProblem(found.message);
      return { saved: false, fieldErrors };
    }
  }

  return (
    <DeclareForm
      practices={practices}
      defaultPracticeId={defaultPracticeId}
      canEditMap={canEditMap}
      prefill={prefill}
      problem={problem}
      onSubmit={save}
    />
  );
}
