"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useCallback, useState } from "react";
import { toast } from "sonner";
import { Modal } from "@/components/ui/modal";
import { callProblem, fieldErrorsFor, type CallProblem } from "@/components/trpc/call-problem";
import { useTRPC } from "@/components/trpc/client";
import { SaveProblem } from "@/components/ui/save-problem";
import type { RiskFields } from "@/server/contracts/risks";
import { emptyRisk, RiskForm, type RiskSaveOutcome } from "./risk-form";
import { riskFieldsOf, riskHref, type EditableRisk } from "./types";

/**
 * A new risk (optionally prefilled, e.g. from a drill's finding, and then remembered as coming from
 * that drill), or an edit of one saved with the version it was read at.
 */
export type RiskTarget =
  | {
      mode: "new";
      heading?: string;
      description?: string;
      prefill?: Partial<RiskFields>;
      fromDrillId?: string;
      /** The drill finding raised (its text): the drill then shows it is in the register. */
      fromDrillFinding?: string;
    }
  | { mode: "edit"; risk: EditableRisk };

const formFields = ["title", "description", "severity", "category", "owner", "systemIds"] as const;

export function RiskDialog({
  practiceId,
  target,
  onClose,
}: {
  practiceId: string;
  target: RiskTarget | null;
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const open = target !== null;
  const [dirty, setDirty] = useState(false);
  const map = useQuery({ ...trpc.dependencies.map.queryOptions({ practiceId }), enabled: open });
  const close = () => {
    setDirty(false);
    onClose();
  };
  const title =
    target?.mode === "edit" ? `Edit risk: ${target.risk.title}` : (target?.heading ?? "Add a risk");
  return (
    <Modal
      open={open}
      size="lg"
      title={title}
      description={
        target?.mode === "edit"
          ? undefined
          : (target?.description ??
            "Something that would make an outage worse, or make one happen.")
      }
      onClose={close}
      confirmClose={() => !dirty || window.confirm("Discard the changes you have not saved?")}
    >
      {target && (
        <RiskEditor
          key={
            target.mode === "edit"
              ? target.risk.id
              : `new-${target.fromDrillId ?? ""}-${target.prefill?.title ?? ""}`
          }
          practiceId={practiceId}
          target={target}
          systems={(map.data?.systems ?? []).map(({ id, name }) => ({ id, name }))}
          systemsLoading={map.isPending}
          onDirtyChange={setDirty}
          onDone={close}
        />
      )}
    </Modal>
  );
}

function RiskEditor({
  practiceId,
  target,
  systems,
  systemsLoading,
  onDirtyChange,
  onDone,
}: {
  practiceId: string;
  target: RiskTarget;
  systems: { id: string; name: string }[];
  systemsLoading: boolean;
  onDirtyChange: (dirty: boolean) => void;
  onDone: () => void;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const editing = target.mode === "edit" ? target.risk : null;
  const [version, setVersion] = useState(editing?.version ?? 0);
  const [problem, setProblem] = useState<CallProblem | null>(null);
  const [resetTo, setResetTo] = useState<RiskFields>();
  const create = useMutation(trpc.risks.create.mutationOptions());
  const update = useMutation(trpc.risks.update.mutationOptions());
  const dirtyChange = useCallback((dirty: boolean) => onDirtyChange(dirty), [onDirtyChange]);
  const defaultValues: RiskFields = editing
    ? riskFieldsOf(editing)
    : { ...emptyRisk, ...(target.mode === "new" ? target.prefill : {}) };

  async function save(values: RiskFields): Promise<RiskSaveOutcome> {
    setProblem(null);
    try {
      if (editing) {
        const result = await update.mutateAsync({
          ...values,
          practiceId,
          riskId: editing.id,
          version,
        });
        setVersion(result.version);
        toast.success(`Risk “${values.title}” saved`);
      } else {
        const fromDrillId = target.mode === "new" ? target.fromDrillId : undefined;
        const fromDrillFinding = target.mode === "new" ? target.fromDrillFinding : undefined;
        const { id } = await create.mutateAsync({
          ...values,
          practiceId,
          ...(fromDrillId ? { fromDrillId } : {}),
          ...(fromDrillId && fromDrillFinding !== undefined ? { fromDrillFinding } : {}),
        });
        if (fromDrillId)
          await queryClient.invalidateQueries({
            queryKey: trpc.drills.list.queryKey({ practiceId }),
          });
        toast.success(`Risk “${values.title}” added to the register`, {
          action: { label: "Open it", onClick: () => router.push(riskHref(practiceId, id)) },
        });
      }
      await queryClient.invalidateQueries({ queryKey: trpc.risks.pathKey() });
      onDirtyChange(false);
      onDone();
      return { saved: true };
    } catch (error) {
      const found = callProblem(error);
      const fieldErrors = fieldErrorsFor(found, formFields);
      if (Object.keys(fieldErrors).length === 0) setProblem(found);
      return { saved: false, fieldErrors };
    }
  }

  async function loadLatest() {
    if (!editing) return;
    try {
      const latest = await queryClient.fetchQuery({
        ...trpc.risks.get.queryOptions({ practiceId, riskId: editing.id }),
        staleTime: 0,
      });
      setVersion(latest.version);
      setResetTo(riskFieldsOf(latest));
      setProblem(null);
      await queryClient.invalidateQueries({ queryKey: trpc.risks.pathKey() });
    } catch (error) {
      setProblem(
        callProblem(error, "Could not load the latest version. Close this and reload the page."),
      );
    }
  }

  return (
    <div className="space-y-4">
      {problem && (
        <SaveProblem
          message={problem.message}
          conflict={problem.code === "CONFLICT"}
          onLoadLatest={() => void loadLatest()}
        />
      )}
      <RiskForm
        practiceId={practiceId}
        defaultValues={defaultValues}
        resetTo={resetTo}
        submitLabel={editing ? "Save risk" : "Add risk"}
        systems={systems}
        systemsLoading={systemsLoading}
        onSubmit={save}
        onDirtyChange={dirtyChange}
      />
    </div>
  );
}
