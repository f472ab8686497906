"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { CircleDot, RotateCcw, Save } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState, type ReactNode } from "react";
import { FormProvider } from "react-hook-form";
import { toast } from "sonner";
import type { z } from "zod";
import { useTRPC } from "@/components/trpc/client";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { templateSchema, type PlanTemplateContent } from "@/server/contracts/plans";
import { callProblem } from "@/components/trpc/call-problem";
import { useHydrated } from "@/components/ui/use-hydrated";
import { useVersionedForm } from "@/components/ui/use-versioned-form";
import { FrontDeskScriptFields } from "./sections/front-desk-script-form";
import { MaintenancePrepFields } from "./sections/maintenance-prep-form";
import { OfficePreparationFields } from "./sections/office-preparation-form";
import { ReconciliationStepsFields } from "./sections/reconciliation-form";
import { TiersFields } from "./sections/tiers-form";
import { TriageFields } from "./sections/triage-form";

function Part({
  id,
  title,
  description,
  children,
}: {
  id: string;
  title: string;
  description?: string;
  children: ReactNode;
}) {
  return (
    <section
      aria-labelledby={id}
      className="rounded-lg border border-slate-200 bg-white p-4 sm:p-5"
    >
      <h2 id={id} className="text-base font-semibold">
        {title}
      </h2>
      {description && <p className="mt-0.5 text-sm text-slate-600">{description}</p>}
      <div className="mt-3">{children}</div>
    </section>
  );
}

/** The MSP's plan template, saved with the version it was read at (a newer save is a conflict). */
export function TemplateEditor({
  content,
  version: readAt,
}: {
  content: PlanTemplateContent;
  version: number;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [loading, setLoading] = useState(false);
  const update = useMutation(trpc.planTemplate.update.mutationOptions());
  const { form, submit, problem, setProblem, reload } = useVersionedForm<
    z.input<typeof templateSchema>,
    PlanTemplateContent
  >({
    schema: templateSchema,
    defaultValues: content,
    version: readAt,
    onSave: async (values, version) => {
      try {
        const result = await update.mutateAsync({ content: values, version });
        toast.success("Template saved", {
          description: `Version ${result.version}. Practices that changed these sections are asked to review.`,
        });
        router.refresh();
        return { saved: true, version: result.version };
      } catch (error) {
        return { saved: false, problem: callProblem(error) };
      }
    },
  });
  const { isDirty, isSubmitting, errors } = form.formState;
  const hydrated = useHydrated();

  async function loadLatest() {
    setLoading(true);
    try {
      const latest = await queryClient.fetchQuery({
        ...trpc.planTemplate.get.queryOptions(),
        staleTime: 0,
      });
      reload(latest.content, latest.version);
      toast.info(
        `Loaded the latest template${latest.updatedByName ? `, saved by ${latest.updatedByName}` : ""}`,
      );
      router.refresh();
    } catch (error) {
      setProblem(callProblem(error, "Could not load the latest template. Try again."));
    } finally {
      setLoading(false);
    }
  }

  const invalid = Object.keys(errors).length > 0;

  return (
    <FormProvider {...form}>
      <form onSubmit={submit} noValidate className="space-y-4" aria-label="Plan template">
        <Part id="template-triage" title="Triage">
          <TriageFields prefix="triage" />
        </Part>
        <Part id="template-maintenance" title="Planned-maintenance prep">
          <MaintenancePrepFields prefix="maintenancePrep" />
        </Part>
        <Part
          id="template-reconciliation"
          title="Recovery reconciliation steps"
          description="The people who re-enter and verify are named by each practice."
        >
          <ReconciliationStepsFields name="reconciliationSteps" />
        </Part>
        <Part id="template-script" title="Front-desk script">
          <FrontDeskScriptFields prefix="frontDeskScript" />
        </Part>
        <Part id="template-tiers" title="Short and long outages">
          <TiersFields prefix="tiers" />
        </Part>
        <Part id="template-office" title="Office preparation">
          <OfficePreparationFields prefix="officePreparation" />
        </Part>
        <div className="sticky bottom-0 z-10 -mx-4 space-y-2 border-t border-slate-200 bg-white/95 px-4 py-3 backdrop-blur sm:mx-0 sm:rounded-lg sm:border">
          {problem && (
            <Alert tone="error">
              <p>{problem.message}</p>
              {problem.code === "CONFLICT" && (
                <Button
                  variant="secondary"
                  className="mt-2"
                  onClick={loadLatest}
                  disabled={loading}
                >
                  <RotateCcw aria-hidden className="size-4" />
                  {loading ? "Loading…" : "Load the latest template"}
                </Button>
              )}
            </Alert>
          )}
          <div className="flex flex-col gap-2 sm:flex-row sm:items-center sm:justify-end">
            {invalid && (
              <p className="text-sm text-red-700 sm:mr-auto" role="status">
                Some fields need attention; see the messages above.
              </p>
            )}
            {isDirty && !invalid && (
              <p className="flex items-center gap-1.5 text-sm text-amber-800 sm:mr-auto">
                <CircleDot aria-hidden className="size-4" /> Unsaved changes
              </p>
            )}
            <Button type="submit" disabled={!hydrated || isSubmitting}>
              <Save aria-hidden className="size-4" />
              {isSubmitting ? "Saving…" : "Save template"}
            </Button>
          </div>
        </div>
      </form>
    </FormProvider>
  );
}
