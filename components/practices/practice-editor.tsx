"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import { useTRPC } from "@/components/trpc/client";
import { SaveProblem } from "@/components/ui/save-problem";
import type { PracticeFields } from "@/server/contracts/practices";
import { emptyPractice, PracticeForm } from "./practice-form";

type Existing = PracticeFields & { id: string; version: number };

/** Creates a practice, or saves one with the version it was read at (a newer edit is a conflict, not an overwrite). */
export function PracticeEditor({ practice }: { practice?: Existing }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [version, setVersion] = useState(practice?.version ?? 0);
  const [problem, setProblem] = useState<{ message: string; conflict: boolean } | null>(null);
  const [resetTo, setResetTo] = useState<PracticeFields>();
  const create = useMutation(trpc.practices.create.mutationOptions());
  const update = useMutation(trpc.practices.update.mutationOptions());

  async function save(values: PracticeFields): Promise<boolean> {
    setProblem(null);
    try {
      if (practice) {
        await update.mutateAsync({ ...values, practiceId: practice.id, version });
        toast.success("Practice saved");
        router.push(`/practices/${practice.id}`);
      } else {
        const created = await create.mutateAsync(values);
        toast.success("Practice created");
        router.push(`/practices/${created.id}`);
      }
      router.refresh();
      return true;
    } catch (error) {
      const code = (error as { data?: { code?: string } }).data?.code;
      setProblem({
        message: error instanceof Error ? error.message : "Could not save. Try again.",
        conflict: code === "CONFLICT",
      });
      return false;
    }
  }

  async function loadLatest() {
    if (!practice) return;
    const latest = await queryClient.fetchQuery({
      ...trpc.practices.get.queryOptions({ practiceId: practice.id }),
      staleTime: 0,
    });
    setVersion(latest.version);
    setResetTo({ ...latest, sites: latest.sites });
    setProblem(null);
  }

  return (
    <div className="space-y-4">
      {problem && (
        <SaveProblem
          message={problem.message}
          conflict={problem.conflict}
          onLoadLatest={() => void loadLatest()}
        />
      )}
      <PracticeForm
        defaultValues={practice ?? emptyPractice}
        resetTo={resetTo}
        submitLabel={practice ? "Save practice" : "Create practice"}
        onSubmit={save}
      />
    </div>
  );
}
