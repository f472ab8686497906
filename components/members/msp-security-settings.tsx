"use client";

import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import { ShieldCheck } from "lucide-react";
import { useState } from "react";
import { toast } from "sonner";
import { callProblem } from "@/components/trpc/call-problem";
import { useTRPC } from "@/components/trpc/client";
import { Alert } from "@/components/ui/alert";

/** The MSP-wide switch that makes two-factor sign-in required for admins and technicians. */
export function MspSecuritySettings() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { data } = useSuspenseQuery(trpc.mspSettings.security.queryOptions());
  const set = useMutation(trpc.mspSettings.setRequireTwoFactor.mutationOptions());
  const [problem, setProblem] = useState("");
  // Shown at once (optimistic); put back if the server refuses.
  const [checked, setChecked] = useState(data.requireTwoFactor);
  const onChange = async (required: boolean) => {
    setProblem("");
    setChecked(required);
    try {
      await set.mutateAsync({ required });
      await queryClient.invalidateQueries({ queryKey: trpc.mspSettings.security.queryKey() });
      toast.success(
        required
          ? "Two-factor sign-in is now required for admins and technicians."
          : "Two-factor sign-in is no longer required.",
      );
    } catch (error) {
      setChecked(!required);
      setProblem(callProblem(error).message);
    }
  };
  return (
    <section
      className="space-y-3 rounded-lg border border-slate-200 bg-white p-5"
      aria-labelledby="msp-security-heading"
    >
      <h2 id="msp-security-heading" className="flex items-center gap-2 text-base font-semibold">
        <ShieldCheck aria-hidden className="size-5 text-slate-600" />
        Sign-in security
      </h2>
      {problem && <Alert tone="error">{problem}</Alert>}
      <div className="flex items-start gap-3 text-sm">
        <input
          id="require-two-factor"
          type="checkbox"
          className="mt-0.5 size-5"
          checked={checked}
          disabled={set.isPending}
          onChange={(event) => void onChange(event.target.checked)}
          aria-describedby="require-two-factor-hint"
        />
        <div>
          <label htmlFor="require-two-factor" className="font-medium text-slate-800">
            Require two-factor sign-in for admins and technicians
          </label>
          <p id="require-two-factor-hint" className="text-slate-600">
            They see every practice. Anyone in these roles without two-factor is sent to set it up
            before they can do anything else.
          </p>
        </div>
      </div>
    </section>
  );
}
