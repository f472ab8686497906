"use client";

import { useCallback } from "react";
import { toast } from "sonner";
import type { FieldValues } from "react-hook-form";
import { callProblem, type CallProblem } from "@/components/trpc/call-problem";
import type { SaveOutcome } from "@/components/ui/save-outcome";
import { useRoom } from "./room-context";

export type ActionOutcome<T> = { ok: true; value: T } | { ok: false; problem: CallProblem };

/** A change to the incident made by a form: saved, or refused with the problem. */
export function toSaveOutcome<T extends FieldValues>(
  outcome: ActionOutcome<unknown>,
): SaveOutcome<T> {
  return outcome.ok ? { saved: true } : { saved: false, problem: outcome.problem };
}

/**
 * Runs one change to the incident: a toast when it worked, then the room reads the incident again.
 * After a refusal it reads it again too: a conflict or "already done" means someone else changed it,
 * and the page should show their change next to the message.
 */
export function useRoomAction() {
  const { refreshSoon } = useRoom();
  return useCallback(
    async <T>(
      action: () => Promise<T>,
      options: { success?: string; log?: boolean; toastProblem?: boolean } = {},
    ): Promise<ActionOutcome<T>> => {
      try {
        const value = await action();
        if (options.success) toast.success(options.success);
        refreshSoon({ log: options.log });
        return { ok: true, value };
      } catch (error) {
        const problem = callProblem(error, "Could not save that. Try again.");
        if (problem.code !== "UNAUTHORIZED") refreshSoon({ log: options.log });
        if (options.toastProblem) toast.error(problem.message);
        return { ok: false, problem };
      }
    },
    [refreshSoon],
  );
}
