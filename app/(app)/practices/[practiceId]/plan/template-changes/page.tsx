import { ArrowLeft, CheckCircle2 } from "lucide-react";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { TemplateChangesForm } from "@/components/plan/template-changes-form";
import { ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/server/permissions";
import { orNotFound } from "@/server/rsc-errors";
import { getQueryClient, trpc } from "@/server/rsc";
import { requireUser } from "@/server/session";

export const metadata: Metadata = { title: "Template changes" };

export default async function TemplateChangesPage({
  params,
}: {
  params: Promise<{ practiceId: string }>;
}) {
  const { practiceId } = await params;
  const user = await requireUser();
  if (!can(user.role, "plans.write")) notFound();
  const queryClient = getQueryClient();
  const [practice, changes] = await Promise.all([
    orNotFound(queryClient.fetchQuery(trpc.practices.get.queryOptions({ practiceId }))),
    orNotFound(queryClient.fetchQuery(trpc.plans.templateChanges.queryOptions({ practiceId }))),
  ]);

  return (
    <>
      <PageHeader
        title={practice.name}
        description="Changes in the MSP's plan template"
        actions={
          <ButtonLink href={`/practices/${practiceId}/plan`} variant="secondary">
            <ArrowLeft aria-hidden className="size-4" /> Back to the plan
          </ButtonLink>
        }
      />
      {changes.sections.length === 0 ? (
        <EmptyState icon={CheckCircle2} title="Nothing to review">
          This plan already follows the current template, or keeps its own version of the sections
          it changed.
        </EmptyState>
      ) : (
        <div className="space-y-4">
          <p className="text-sm text-slate-700">
            The template (version {changes.templateVersion}) differs from this practice&apos;s own
            version of{" "}
            {changes.sections.length === 1 ? "one section" : `${changes.sections.length} sections`}.
            For each, choose whether to use the template or keep yours. Nothing changes until you
            save.
          </p>
          <TemplateChangesForm practiceId={practiceId} sections={changes.sections} />
        </div>
      )}
    </>
  );
}
