import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { formatMoment } from "@/components/ui/format";
import { TemplateEditor } from "@/components/plan/template-editor";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/server/permissions";
import { getQueryClient, trpc } from "@/server/rsc";
import { requireUser } from "@/server/session";

export const metadata: Metadata = { title: "Plan template" };

export default async function PlanTemplatePage() {
  const user = await requireUser();
  if (!can(user.role, "plans.template")) notFound();
  const template = await getQueryClient().fetchQuery(trpc.planTemplate.get.queryOptions());

  return (
    <>
      <PageHeader
        title="Plan template"
        description={`What every downtime plan at ${user.mspName} starts from. A practice that has not written its own version of a section follows the template at once; a practice that has is asked, on its Plan tab, whether to take the change.`}
      />
      <p className="mb-4 text-sm text-slate-600">
        {template.version === 0
          ? "Standby's starting template; not changed yet."
          : `Version ${template.version}${template.updatedByName ? `, saved by ${template.updatedByName}` : ""}${template.updatedAt ? ` on ${formatMoment(template.updatedAt, "UTC")}` : ""}.`}
      </p>
      <TemplateEditor content={template.content} version={template.version} />
    </>
  );
}
