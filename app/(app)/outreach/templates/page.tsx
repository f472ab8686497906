import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { OutreachTemplateEditor } from "@/components/outreach/template-editor";
import { templateSelectionFrom } from "@/components/outreach/template-selection";
import { PageHeader } from "@/components/ui/page-header";
import { TableSkeleton } from "@/components/ui/skeleton";
import { can } from "@/server/permissions";
import { getQueryClient, HydrateClient, trpc } from "@/server/rsc";
import { requireUser } from "@/server/session";

export const metadata: Metadata = { title: "Message templates" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** The MSP's own texts for patient outreach: every practice sends them unless it wrote its own. */
export default async function OutreachTemplatesPage({
  searchParams,
}: {
  searchParams: SearchParams;
}) {
  const user = await requireUser();
  if (!can(user.role, "outreachTemplates.read")) notFound();
  void getQueryClient().prefetchQuery(trpc.outreachTemplates.list.queryOptions({}));
  const canEdit = can(user.role, "outreachTemplates.mspWide");

  return (
    <HydrateClient>
      <PageHeader
        title="Message templates"
        description="What the practices' patients get during an outage or before planned maintenance — reminders, delay notices, cancellations, instructions — in English and Spanish. A practice sends these unless it writes its own (from its Schedule page)."
      />
      <Suspense fallback={<TableSkeleton rows={6} />}>
        <OutreachTemplateEditor
          canEdit={canEdit}
          readOnlyReason="The MSP's admins and technicians change these texts. A practice's manager can write the practice's own, from its Schedule page."
          initial={templateSelectionFrom(await searchParams)}
        />
      </Suspense>
    </HydrateClient>
  );
}
