"use client";

import { useMutation } from "@tanstack/react-query";
import { Check, RotateCcw } from "lucide-react";
import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { useTRPC } from "@/components/trpc/client";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { SectionKey } from "@/server/contracts/plans";
import { callProblem } from "@/components/trpc/call-problem";
import { useHydrated } from "@/components/ui/use-hydrated";
import { useVersionedForm } from "@/components/ui/use-versioned-form";
import { DiffLines, diffSummary, type DiffLine } from "./diff-lines";

type Pending = { section: SectionKey; title: string; version: number; lines: DiffLine[] };
type Choices = { choices: Partial<Record<SectionKey, "apply" | "keep">> };

/** For each section the template would change: what changes, and this practice's choice. */
export function TemplateChangesForm({
  practiceId,
  sections,
}: {
  practiceId: string;
  sections: Pending[];
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const apply = useMutation(trpc.plans.applyTemplate.mutationOptions());
  const { form, submit, problem, setProblem } = useVersionedForm<Choices>({
    defaultValues: { choices: {} },
    onSave: async ({ choices }) => {
      try {
        await apply.mutateAsync({
          practiceId,
          sections: sections.map((section) => ({
            section: section.section,
            version: section.version,
            decision: choices[section.section]!,
          })),
        });
        const applied = sections.filter((section) => choices[section.section] === "apply").length;
        toast.success("Template choices saved", {
          description: `${applied} section${applied === 1 ? "" : "s"} now follow${applied === 1 ? "s" : ""} the template; ${sections.length - applied} kept as they were.`,
        });
        router.push(`/practices/${practiceId}/plan`);
        router.refresh();
        return { saved: true };
      } catch (error) {
        return {
          saved: false,
          problem: callProblem(error, "Could not save your choices. Try again."),
        };
      }
    },
  });
  const { errors, isSubmitting } = form.formState;
  const hydrated = useHydrated();

  return (
    <form onSubmit={submit} noValidate className="space-y-4">
      {sections.map((section) => {
        const error = errors.choices?.[section.section]?.message;
        const name = `choices.${section.section}` as const;
        const register = form.register(name, {
          required: `Choose “Use the template” or “Keep ours” for ${section.title}.`,
        });
        return (
          <section
            key={section.section}
            aria-labelledby={`${section.section}-title`}
            className="rounded-lg border border-slate-200 bg-white p-4 sm:p-5"
          >
            <div className="mb-2 flex flex-wrap items-baseline justify-between gap-2">
              <h2 id={`${section.section}-title`} className="text-base font-semibold">
                {section.title}
              </h2>
              <span className="text-xs text-slate-500">
                If you use the template: {diffSummary(section.lines).toLowerCase()}
              </span>
            </div>
            <DiffLines
              lines={section.lines}
              label={`${section.title}: yours (−) and the template (+)`}
            />
            <p className="mt-2 text-xs text-slate-500">
              Lines marked − are in your plan now and would go; lines marked + come from the
              template.
            </p>
            <fieldset
              className="mt-3"
              aria-describedby={error ? `${section.section}-error` : undefined}
            >
              <legend className="mb-1 text-sm font-medium text-slate-800">
                Your choice<span className="sr-only"> for {section.title}</span>
              </legend>
              <div className="flex flex-col gap-2 sm:flex-row sm:gap-6">
                <label className="flex min-h-10 items-center gap-2 text-sm">
                  <input
                    type="radio"
                    value="apply"
                    {...register}
                    className="size-4 accent-brand-700"
                  />{" "}
                  Use the template
                </label>
                <label className="flex min-h-10 items-center gap-2 text-sm">
                  <input
                    type="radio"
                    value="keep"
                    {...register}
                    className="size-4 accent-brand-700"
                  />{" "}
                  Keep ours
                </label>
              </div>
            </fieldset>
            {error && (
              <p id={`${section.section}-error`} className="mt-2 text-sm text-red-700" role="alert">
                {error}
              </p>
            )}
          </section>
        );
      })}
      {problem && (
        <Alert tone="error">
          <p>{problem.message}</p>
          {problem.code === "CONFLICT" && (
            <Button
              variant="secondary"
              className="mt-2"
              onClick={() => {
                setProblem(null);
                router.refresh();
              }}
            >
              <RotateCcw aria-hidden className="size-4" /> Reload the changes
            </Button>
          )}
        </Alert>
      )}
      <div className="flex justify-end">
        <Button type="submit" disabled={!hydrated || isSubmitting}>
          <Check aria-hidden className="size-4" />
          {isSubmitting ? "Saving…" : "Save my choices"}
        </Button>
      </div>
    </form>
  );
}
