"use client";

import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { CallProblem } from "@/components/trpc/call-problem";

/** Why a change was refused. On a conflict: load the latest version, or keep one's edits and save them over it. */
export function RoomProblem({
  problem,
  conflict,
  latestArrived = true,
  onLoadLatest,
  onKeepMine,
}: {
  problem: CallProblem;
  conflict?: boolean;
  latestArrived?: boolean;
  onLoadLatest?: () => void;
  onKeepMine?: () => void;
}) {
  return (
    <Alert tone="error">
      <p>{problem.message}</p>
      {conflict && (onLoadLatest || onKeepMine) && (
        <div className="mt-2 flex flex-wrap gap-2">
          {onLoadLatest && (
            <Button variant="secondary" disabled={!latestArrived} onClick={onLoadLatest}>
              Load the latest (discard my changes)
            </Button>
          )}
          {onKeepMine && (
            <Button variant="secondary" disabled={!latestArrived} onClick={onKeepMine}>
              Keep my changes, then save again
            </Button>
          )}
        </div>
      )}
    </Alert>
  );
}

/** The foot of a room form: why it was refused (if it was), then Cancel and the submit button. */
export function RoomFormActions({
  problem,
  onCancel,
  submitting,
  submitLabel,
  submittingLabel = "Saving…",
}: {
  problem: CallProblem | null;
  onCancel: () => void;
  submitting: boolean;
  submitLabel: string;
  submittingLabel?: string;
}) {
  return (
    <>
      {problem && (
        <div className="sm:col-span-2">
          <RoomProblem problem={problem} />
        </div>
      )}
      <div className="flex justify-end gap-2 sm:col-span-2">
        <Button variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
        <Button type="submit" disabled={submitting}>
          {submitting ? submittingLabel : submitLabel}
        </Button>
      </div>
    </>
  );
}
