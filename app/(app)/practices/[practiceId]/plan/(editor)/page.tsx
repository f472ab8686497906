import type { Metadata } from "next";
import { dayAfter } from "@/components/ui/format";
import { PlanSections } from "@/components/plan/plan-sections";
import {
  CompletenessCard,
  PacketCard,
  PublicationCard,
  TemplateUpdatesBanner,
} from "@/components/plan/plan-summary";
import { PublishForm } from "@/components/plan/publish-form";
import { schedulePrintPath } from "@/components/schedule/types";
import { PracticeFlags } from "@/components/practices/practice-flags";
import { Alert } from "@/components/ui/alert";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/server/permissions";
import { orNotFound } from "@/server/rsc-errors";
import { getQueryClient, trpc } from "@/server/rsc";
import { sectionKeys, sectionTitles } from "@/server/contracts/plans";
import { requireUser } from "@/server/session";

export const metadata: Metadata = { title: "Downtime plan" };

export default async function PlanPage({ params }: { params: Promise<{ practiceId: string }> }) {
  const { practiceId } = await params;
  const user = await requireUser();
  const queryClient = getQueryClient();
  const [practice, plan, schedule] = await Promise.all([
    orNotFound(queryClient.fetchQuery(trpc.practices.get.queryOptions({ practiceId }))),
    orNotFound(queryClient.fetchQuery(trpc.plans.get.queryOptions({ practiceId }))),
    // Whether the practice keeps a schedule copy (no patient data): its print is offered beside the packet.
    can(user.role, "schedule.read")
      ? orNotFound(queryClient.fetchQuery(trpc.schedule.status.queryOptions({ practiceId })))
      : null,
  ]);
  const archived = Boolean(practice.archivedAt);
  const canEdit = can(user.role, "plans.write") && !archived;
  const now = new Date();

  return (
    <>
      <PageHeader
        title={practice.name}
        description={
          <span className="flex flex-wrap items-center gap-2">
            Downtime plan
            <PracticeFlags
              isNewOffice={practice.isNewOffice}
              isMigrating={practice.isMigrating}
              archived={archived}
            />
          </span>
        }
      />
      <div className="space-y-4">
        {archived && <Alert>This practice is archived; its plan is read-only.</Alert>}
        {canEdit && plan.templateUpdates.length > 0 && (
          <TemplateUpdatesBanner practiceId={practiceId} sections={plan.templateUpdates} />
        )}
        <div className="grid items-start gap-4 lg:grid-cols-3">
          <CompletenessCard
            score={plan.completeness.score}
            missing={plan.completeness.missing}
            canEdit={canEdit}
          />
          <PublicationCard
            practiceId={practiceId}
            published={plan.published}
            unpublishedChanges={plan.unpublishedChanges}
            timeZone={practice.timezone}
          >
            {canEdit && (
              <PublishForm
                practiceId={practiceId}
                nextNumber={(plan.published?.number ?? 0) + 1}
                defaultReviewOn={dayAfter(now, 90)}
                minReviewOn={dayAfter(now, 1)}
                gaps={plan.completeness.missing}
              />
            )}
          </PublicationCard>
          <PacketCard
            practiceId={practiceId}
            published={plan.published}
            packet={plan.packet}
            timeZone={practice.timezone}
            schedule={
              schedule?.connection
                ? {
                    href: schedulePrintPath(practiceId),
                    copyAsOf: schedule.connection.refreshedAt,
                    stale: schedule.connection.age?.stale ?? false,
                  }
                : null
            }
          />
        </div>
        <nav
          aria-label="Plan sections"
          className="rounded-lg border border-slate-200 bg-white px-4 py-3"
        >
          <ul className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
            {sectionKeys.map((key) => (
              <li key={key}>
                <a href={`#${key}`} className="text-brand-700 hover:underline">
                  {sectionTitles[key]}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <PlanSections
          practiceId={practiceId}
          sections={plan.sections}
          canEdit={canEdit}
          timeZone={practice.timezone}
        />
      </div>
    </>
  );
}
