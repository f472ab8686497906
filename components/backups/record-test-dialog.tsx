"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useCallback, useState } from "react";
import { Modal } from "@/components/ui/modal";
import { callProblem, fieldErrorsFor, type CallProblem } from "@/components/trpc/call-problem";
import { useTRPC } from "@/components/trpc/client";
import { SaveProblem } from "@/components/ui/save-problem";
import type { RestoreTestFields } from "@/server/contracts/backups";
import { RestoreTestForm, type RestoreTestSaveOutcome } from "./restore-test-form";
import type { RecordedTest, TrackedSystem } from "./types";
import { useActionKey } from "@/components/ui/use-action-key";

const testFields = [
  "systemId",
  "kind",
  "testedAt",
  "testedByName",
  "result",
  "restoreMinutes",
  "dataAgeMinutes",
  "evidence",
] as const;

/** Records a restore test; the container hears what the server made of it (status, proposed risk). */
export function RecordTestDialog({
  practiceId,
  systems,
  systemId,
  timeZone,
  userName,
  onClose,
  onRecorded,
}: {
  practiceId: string;
  systems: TrackedSystem[];
  /** The system to record for; null when closed. */
  systemId: string | null;
  timeZone: string;
  userName: string;
  onClose: () => void;
  onRecorded: (result: RecordedTest, systemName: string) => void;
}) {
  const [dirty, setDirty] = useState(false);
  const close = () => {
    setDirty(false);
    onClose();
  };
  const system = systems.find((item) => item.systemId === systemId);
  return (
    <Modal
      open={systemId !== null}
      size="lg"
      title={system ? `Record a restore test of ${system.name}` : "Record a restore test"}
      description="Record every restore you try, the failed ones too: a failed or short-of-target test proposes a risk for the register."
      onClose={close}
      confirmClose={() => !dirty || window.confirm("Discard the test you have not saved?")}
    >
      {systemId && (
        <RecordTestEditor
          key={systemId}
          practiceId={practiceId}
          systems={systems}
          systemId={systemId}
          timeZone={timeZone}
          userName={userName}
          onDirtyChange={setDirty}
          onRecorded={(result, name) => {
            close();
            onRecorded(result, name);
          }}
        />
      )}
    </Modal>
  );
}

function RecordTestEditor({
  practiceId,
  systems,
  systemId,
  timeZone,
  userName,
  onDirtyChange,
  onRecorded,
}: {
  practiceId: string;
  systems: TrackedSystem[];
  systemId: string;
  timeZone: string;
  userName: string;
  onDirtyChange: (dirty: boolean) => void;
  onRecorded: (result: RecordedTest, systemName: string) => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [problem, setProblem] = useState<CallProblem | null>(null);
  const record = useMutation(trpc.backups.recordTest.mutationOptions());
  // The dialog closes once the test is recorded: one key per opening of the form.
  const action = useActionKey();
  const dirtyChange = useCallback((dirty: boolean) => onDirtyChange(dirty), [onDirtyChange]);
  const [defaults] = useState(() => {
    const now = new Date();
    now.setSeconds(0, 0);
    // kind and result are left unchosen on purpose: the person picks them.
    return { systemId, testedAt: now, testedByName: userName, evidence: "" } as RestoreTestFields;
  });

  async function save(values: RestoreTestFields): Promise<RestoreTestSaveOutcome> {
    setProblem(null);
    try {
      const result = await record.mutateAsync({
        ...values,
        practiceId,
        idempotencyKey: action.key,
      });
      await queryClient.invalidateQueries({ queryKey: trpc.backups.pathKey() });
      onDirtyChange(false);
      onRecorded(
        result,
        systems.find((item) => item.systemId === values.systemId)?.name ?? "the system",
      );
      return { saved: true };
    } catch (error) {
      const found = callProblem(error, "Could not record the test. Try again.");
      const fieldErrors = fieldErrorsFor(found, testFields);
      if (Object.keys(fieldErrors).length === 0) setProblem(found);
      return { saved: false, fieldErrors };
    }
  }

  return (
    <div className="space-y-4">
      {problem && (
        <SaveProblem message={problem.message} conflict={false} onLoadLatest={() => undefined} />
      )}
      <RestoreTestForm
        systems={systems}
        defaultValues={defaults}
        timeZone={timeZone}
        onSubmit={save}
        onDirtyChange={dirtyChange}
      />
    </div>
  );
}
