"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useCallback, useState } from "react";
import { toast } from "sonner";
import { Modal } from "@/components/ui/modal";
import { callProblem, fieldErrorsFor, type CallProblem } from "@/components/trpc/call-problem";
import { useTRPC } from "@/components/trpc/client";
import { SaveProblem } from "@/components/ui/save-problem";
import type { BackupTargetFields } from "@/server/contracts/backups";
import { defaultTarget, TargetForm, type TargetSaveOutcome } from "./target-form";
import type { BackupSystem } from "./types";

const targetFields = ["cadenceDays", "rtoMinutes", "rpoMinutes"] as const;

/** Sets up or changes a system's test cadence and restore targets, saved with the version read. */
export function TargetDialog({
  practiceId,
  system,
  onClose,
}: {
  practiceId: string;
  system: BackupSystem | null;
  onClose: () => void;
}) {
  const [dirty, setDirty] = useState(false);
  const close = () => {
    setDirty(false);
    onClose();
  };
  return (
    <Modal
      open={system !== null}
      title={
        system
          ? system.target
            ? `Restore targets for ${system.name}`
            : `Set up restore testing for ${system.name}`
          : "Restore targets"
      }
      description="How often a restore is tested, how long it may take (RTO) and how old the restored data may be (RPO)."
      onClose={close}
      confirmClose={() => !dirty || window.confirm("Discard the changes you have not saved?")}
    >
      {system && (
        <TargetEditor
          key={system.systemId}
          practiceId={practiceId}
          system={system}
          onDirtyChange={setDirty}
          onDone={close}
        />
      )}
    </Modal>
  );
}

function TargetEditor({
  practiceId,
  system,
  onDirtyChange,
  onDone,
}: {
  practiceId: string;
  system: BackupSystem;
  onDirtyChange: (dirty: boolean) => void;
  onDone: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [version, setVersion] = useState(system.target?.version ?? 0);
  const [problem, setProblem] = useState<CallProblem | null>(null);
  const [resetTo, setResetTo] = useState<BackupTargetFields>();
  const setTarget = useMutation(trpc.backups.setTarget.mutationOptions());
  const dirtyChange = useCallback((dirty: boolean) => onDirtyChange(dirty), [onDirtyChange]);

  async function save(values: BackupTargetFields): Promise<TargetSaveOutcome> {
    setProblem(null);
    try {
      const result = await setTarget.mutateAsync({
        ...values,
        practiceId,
        systemId: system.systemId,
        version,
      });
      setVersion(result.version);
      await queryClient.invalidateQueries({
        queryKey: trpc.backups.overview.queryKey({ practiceId }),
      });
      toast.success(
        version === 0
          ? `Restore testing set up for ${system.name}`
          : `Restore targets for ${system.name} saved`,
      );
      onDirtyChange(false);
      onDone();
      return { saved: true };
    } catch (error) {
      const found = callProblem(error);
      const fieldErrors = fieldErrorsFor(found, targetFields);
      if (Object.keys(fieldErrors).length === 0) setProblem(found);
      return { saved: false, fieldErrors };
    }
  }

  async function loadLatest() {
    const latest = await queryClient.fetchQuery({
      ...trpc.backups.overview.queryOptions({ practiceId }),
      staleTime: 0,
    });
    const current = latest.systems.find((item) => item.systemId === system.systemId);
    if (!current) {
      setProblem({
        message: `${system.name} is no longer on the dependency map. Close this and check the list.`,
        fieldErrors: {},
      });
      return;
    }
    setVersion(current.target?.version ?? 0);
    setResetTo(
      current.target
        ? {
            cadenceDays: current.target.cadenceDays,
            rtoMinutes: current.target.rtoMinutes,
            rpoMinutes: current.target.rpoMinutes,
          }
        : defaultTarget,
    );
    setProblem(null);
  }

  const initial = system.target
    ? {
        cadenceDays: system.target.cadenceDays,
        rtoMinutes: system.target.rtoMinutes,
        rpoMinutes: system.target.rpoMinutes,
      }
    : defaultTarget;
  return (
    <div className="space-y-4">
      {problem && (
        <SaveProblem
          message={problem.message}
          conflict={problem.code === "CONFLICT"}
          onLoadLatest={() => void loadLatest()}
        />
      )}
      <TargetForm
        defaultValues={initial}
        resetTo={resetTo}
        submitLabel={system.target ? "Save targets" : "Start tracking"}
        onSubmit={save}
        onDirtyChange={dirtyChange}
      />
    </div>
  );
}
