"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import { Modal } from "@/components/ui/modal";
import { emptyRisk, RiskForm, type RiskSaveOutcome } from "@/components/risks/risk-form";
import { riskHref } from "@/components/risks/types";
import { callProblem, fieldErrorsFor, type CallProblem } from "@/components/trpc/call-problem";
import { useTRPC } from "@/components/trpc/client";
import type { RiskFields } from "@/server/contracts/risks";
import { useRoom } from "./room-context";
import { RoomProblem } from "./room-problem";
import type { IncidentView } from "./types";

export type RiskDraft = { title: string; description: string };

const fields = ["title", "description", "severity", "category", "owner", "systemIds"] as const;

/**
 * A review's action into the practice's risk register (the register's own form), remembered as
 * coming from this incident; the systems that were down are linked to start with.
 */
export function RaiseRiskDialog({
  view,
  draft,
  onClose,
}: {
  view: IncidentView;
  draft: RiskDraft | null;
  onClose: () => void;
}) {
  const [dirty, setDirty] = useState(false);
  const close = () => {
    setDirty(false);
    onClose();
  };
  return (
    <Modal
      open={draft !== null}
      size="lg"
      title="Raise as a risk"
      description="It goes to the practice's risk register for the next quarterly review, and remembers this incident."
      onClose={close}
      confirmClose={() => !dirty || window.confirm("Discard the risk you have not added?")}
    >
      {draft && (
        <RaiseRiskEditor
          key={draft.title}
          view={view}
          draft={draft}
          onDirtyChange={setDirty}
          onDone={close}
        />
      )}
    </Modal>
  );
}

function RaiseRiskEditor({
  view,
  draft,
  onDirtyChange,
  onDone,
}: {
  view: IncidentView;
  draft: RiskDraft;
  onDirtyChange: (dirty: boolean) => void;
  onDone: () => void;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const { practiceId, incidentId } = useRoom();
  const create = useMutation(trpc.risks.create.mutationOptions());
  const [problem, setProblem] = useState<CallProblem | null>(null);
  const defaultValues: RiskFields = {
    ...emptyRisk,
    title: draft.title,
    description: draft.description,
    systemIds: view.down.flatMap((system) => (system.id ? [system.id] : [])),
  };

  async function save(values: RiskFields): Promise<RiskSaveOutcome> {
    setProblem(null);
    try {
      const { id } = await create.mutateAsync({
        ...values,
        practiceId,
        fromIncidentId: incidentId,
      });
      await queryClient.invalidateQueries({ queryKey: trpc.risks.pathKey() });
      toast.success(`Risk “${values.title}” added to the register`, {
        action: { label: "Open it", onClick: () => router.push(riskHref(practiceId, id)) },
      });
      onDirtyChange(false);
      onDone();
      return { saved: true };
    } catch (error) {
      const found = callProblem(error);
      const fieldErrors = fieldErrorsFor(found, fields);
      if (Object.keys(fieldErrors).length === 0) setProblem(found);
      return { saved: false, fieldErrors };
    }
  }

  return (
    <div className="space-y-4">
      {problem && <RoomProblem problem={problem} />}
      <RiskForm
        practiceId={practiceId}
        defaultValues={defaultValues}
        submitLabel="Add to the risk register"
        systems={view.mapSystems.map(({ id, name }) => ({ id, name }))}
        systemsLoading={false}
        onSubmit={save}
        onDirtyChange={onDirtyChange}
      />
    </div>
  );
}
