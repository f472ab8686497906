import { ArrowLeft, CalendarClock, GitCompare, Lock } from "lucide-react";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { formatDay, formatMoment } from "@/components/ui/format";
import { SectionView } from "@/components/plan/section-view";
import { ButtonLink } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { orNotFound } from "@/server/rsc-errors";
import { getQueryClient, trpc } from "@/server/rsc";
import { sectionKeys, sectionTitles } from "@/server/contracts/plans";

export const metadata: Metadata = { title: "Plan version" };

export default async function PlanVersionPage({
  params,
}: {
  params: Promise<{ practiceId: string; number: string }>;
}) {
  const { practiceId, number: raw } = await params;
  if (!/^\d{1,7}$/.test(raw) || Number(raw) < 1 || Number(raw) > 1_000_000) notFound();
  const queryClient = getQueryClient();
  const [practice, version] = await Promise.all([
    orNotFound(queryClient.fetchQuery(trpc.practices.get.queryOptions({ practiceId }))),
    orNotFound(
      queryClient.fetchQuery(trpc.plans.version.queryOptions({ practiceId, number: Number(raw) })),
    ),
  ]);

  return (
    <>
      <PageHeader
        title={practice.name}
        description={`Version ${version.number} of the downtime plan`}
        actions={
          <>
            <ButtonLink href={`/practices/${practiceId}/plan/versions`} variant="secondary">
              <ArrowLeft aria-hidden className="size-4" /> All versions
            </ButtonLink>
            <ButtonLink
              href={`/practices/${practiceId}/plan/versions?from=${version.number}&to=draft`}
              variant="secondary"
            >
              <GitCompare aria-hidden className="size-4" /> Compare with the current draft
            </ButtonLink>
          </>
        }
      />
      <div className="mb-4 flex flex-col gap-1 rounded-lg border border-slate-200 bg-white px-4 py-3 text-sm sm:flex-row sm:flex-wrap sm:gap-x-6">
        <p className="flex items-center gap-1.5 font-medium">
          <Lock aria-hidden className="size-4 text-slate-500" /> Published version {version.number}{" "}
          (read-only)
        </p>
        <p className="text-slate-700">
          By {version.publishedByName} on {formatMoment(version.publishedAt, practice.timezone)}
        </p>
        <p className="text-slate-700">Completeness {version.completenessScore} / 100</p>
        <p className="flex items-center gap-1.5 text-slate-700">
          <CalendarClock aria-hidden className="size-4 text-slate-500" /> Next review{" "}
          {formatDay(version.nextReviewOn)}
        </p>
      </div>
      <div className="space-y-4">
        {sectionKeys.map((key) => (
          <section
            key={key}
            aria-labelledby={`version-${key}`}
            className="rounded-lg border border-slate-200 bg-white"
          >
            <h2
              id={`version-${key}`}
              className="border-b border-slate-100 px-4 py-3 text-base font-semibold sm:px-5"
            >
              {sectionTitles[key]}
            </h2>
            <div className="px-4 py-4 sm:px-5">
              <SectionView section={key} content={version.content[key]} />
            </div>
          </section>
        ))}
      </div>
    </>
  );
}
