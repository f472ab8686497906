import type { Metadata } from "next";
import { Suspense } from "react";
import { OutreachTemplateEditor } from "@/components/outreach/template-editor";
import { templateSelectionFrom } from "@/components/outreach/template-selection";
import { PageHeader } from "@/components/ui/page-header";
import { TableSkeleton } from "@/components/ui/skeleton";
import { can } from "@/server/permissions";
import { orNotFound } from "@/server/rsc-errors";
import { getQueryClient, HydrateClient, trpc } from "@/server/rsc";
import { requireUser } from "@/server/session";

export const metadata: Metadata = { title: "Message templates" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** One practice's texts for patient outreach: its own where it wrote some, the MSP's or Standby's elsewhere. */
export default async function PracticeOutreachTemplatesPage({
  params,
  searchParams,
}: {
  params: Promise<{ practiceId: string }>;
  searchParams: SearchParams;
}) {
  const { practiceId } = await params;
  const user = await requireUser();
  const queryClient = getQueryClient();
  const practice = await orNotFound(
    queryClient.fetchQuery(trpc.practices.get.queryOptions({ practiceId })),
  );
  void queryClient.prefetchQuery(trpc.outreachTemplates.list.queryOptions({ practiceId }));
  const archived = Boolean(practice.archivedAt);

  return (
    <HydrateClient>
      <PageHeader
        title={practice.name}
        description="Message templates: what this practice's patients get during an outage or before planned maintenance, in English and Spanish. Where the practice has no text of its own, the MSP's (or Standby's built-in one) is sent."
      />
      <Suspense fallback={<TableSkeleton rows={6} />}>
        <OutreachTemplateEditor
          practiceId={practiceId}
          canEdit={can(user.role, "outreachTemplates.write") && !archived}
          readOnlyReason={
            archived
              ? "This practice is archived; its texts are read-only."
              : "Leadership reads these texts; the practice's managers and the MSP's staff change them."
          }
          initial={templateSelectionFrom(await searchParams)}
        />
      </Suspense>
    </HydrateClient>
  );
}
