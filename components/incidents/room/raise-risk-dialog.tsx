"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { toast } from "sonner";
import type { z } from "zod";
import { Modal } from "@/components/dependencies/modal";
import { callProblem, fieldErrorsFor, type CallProblem } from "@/components/trpc/call-problem";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { riskCategories, riskFieldsSchema, riskSeverities } from "@/server/services/risk-schemas";
import { useRoom } from "./room-context";
import { RoomProblem } from "./room-problem";

export type RiskDraft = { title: string; description: string };

const raiseSchema = riskFieldsSchema.pick({ title: true, description: true, severity: true, category: true });
type RaiseFields = z.infer<typeof raiseSchema>;
const fields = ["title", "description", "severity", "category"] as const;

/** A review's action into the practice's risk register, remembered as coming from this incident. */
export function RaiseRiskDialog({ draft, onClose }: { draft: RiskDraft | null; onClose: () => void }) {
  return (
    <Modal open={draft !== null} size="lg" title="Raise as a risk" description="It goes to the practice's risk register for the next quarterly review." onClose={onClose}>
      {draft && <RaiseRiskForm key={draft.title} draft={draft} onDone={onClose} />}
    </Modal>
  );
}

function RaiseRiskForm({ draft, onDone }: { draft: RiskDraft; onDone: () => void }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const { practiceId, incidentId } = useRoom();
  const create = useMutation(trpc.risks.create.mutationOptions());
  const [problem, setProblem] = useState<CallProblem | null>(null);
  const form = useForm<RaiseFields>({ resolver: zodResolver(raiseSchema), defaultValues: { title: draft.title, description: draft.description, severity: "medium", category: "other" } });
  const { errors, isSubmitting } = form.formState;

  const submit = form.handleSubmit(async (values) => {
    setProblem(null);
    try {
      const { id } = await create.mutateAsync({ ...values, owner: "", systemIds: [], practiceId, fromIncidentId: incidentId });
      await queryClient.invalidateQueries({ queryKey: trpc.risks.pathKey() });
      toast.success(`Risk “${values.title}” added to the register`, { action: { label: "Open it", onClick: () => router.push(`/practices/${practiceId}/risks/${id}`) } });
      onDone();
    } catch (error) {
      const found = callProblem(error);
      const fieldErrors = fieldErrorsFor(found, fields);
      for (const [field, message] of Object.entries(fieldErrors)) form.setError(field as keyof RaiseFields, { message: message as string });
      if (Object.keys(fieldErrors).length === 0) setProblem(found);
    }
  });

  return (
    <form onSubmit={submit} noValidate className="grid gap-4 sm:grid-cols-2">
      <div className="sm:col-span-2">
        <Field label="Title" error={errors.title?.message}>
          {(props) => <input {...props} {...form.register("title")} autoComplete="off" />}
        </Field>
      </div>
      <div className="sm:col-span-2">
        <Field label="Description" error={errors.description?.message}>
          {(props) => <textarea {...props} {...form.register("description")} rows={3} />}
        </Field>
      </div>
      <Field label="Severity" error={errors.severity?.message}>
        {(props) => (
          <select {...props} {...form.register("severity")}>
            {riskSeverities.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Category" error={errors.category?.message}>
        {(props) => (
          <select {...props} {...form.register("category")}>
            {riskCategories.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        )}
      </Field>
      {problem && (
        <div className="sm:col-span-2">
          <RoomProblem problem={problem} />
        </div>
      )}
      <div className="flex justify-end gap-2 sm:col-span-2">
        <Button variant="secondary" onClick={onDone}>
          Cancel
        </Button>
        <Button type="submit" disabled={isSubmitting}>
          {isSubmitting ? "Adding…" : "Add to the risk register"}
        </Button>
      </div>
    </form>
  );
}
