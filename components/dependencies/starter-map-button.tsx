"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Sparkles } from "lucide-react";
import { toast } from "sonner";
import { useTRPC } from "@/components/trpc/client";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { callProblem } from "@/components/trpc/call-problem";

/** Adds the usual clinic systems and their links that the practice does not have yet. */
export function StarterMapButton({
  practiceId,
  empty,
  disabled,
}: {
  practiceId: string;
  empty: boolean;
  disabled?: boolean;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const apply = useMutation(
    trpc.dependencies.applyStarterMap.mutationOptions({
      onSuccess: async ({ systemsAdded }) => {
        await queryClient.invalidateQueries({ queryKey: trpc.dependencies.pathKey() });
        if (systemsAdded === 0)
          toast.info("Nothing added: the practice already has every usual system.");
        else
          toast.success(
            `${systemsAdded} system${systemsAdded === 1 ? "" : "s"} added with their usual links. Remove what this practice does not use.`,
          );
      },
      onError: (error) => {
        toast.error(callProblem(error, "Could not add the usual systems. Try again.").message);
      },
    }),
  );
  return (
    <ConfirmButton
      variant={empty ? "primary" : "secondary"}
      label={
        <>
          <Sparkles aria-hidden className="size-4" />
          {apply.isPending
            ? "Adding the usual systems…"
            : empty
              ? "Start from the usual clinic systems"
              : "Add the usual clinic systems"}
        </>
      }
      title="Add the usual clinic systems?"
      confirmLabel="Add the usual systems"
      disabled={disabled || apply.isPending}
      onConfirm={() => apply.mutate({ practiceId })}
    >
      <p>
        Adds the systems most clinics run on — EHR, primary and backup internet, firewall, network
        switch, Wi-Fi, workstations, phones, power/UPS, Microsoft 365, backup, e-prescribing, lab
        interface, billing, printers and vendor remote access — with the usual links between them.
      </p>
      <p className="mt-2">
        {empty
          ? "Then remove what this practice does not use and fill in owners and vendors."
          : "Systems the practice already has (same name) are left as they are; only the missing ones are added."}
      </p>
    </ConfirmButton>
  );
}
