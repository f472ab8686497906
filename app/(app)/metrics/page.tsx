import { BarChart3, Printer } from "lucide-react";
import type { Metadata } from "next";
import { Suspense } from "react";
import { practiceChoices } from "@/components/incidents/list/options";
import { MetricsDashboard } from "@/components/metrics/metrics-dashboard";
import { MetricsSkeleton } from "@/components/metrics/metrics-skeleton";
import { ScopePicker } from "@/components/metrics/scope-picker";
import { ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { orNotFound } from "@/server/rsc-errors";
import { getQueryClient, HydrateClient, trpc } from "@/server/rsc";
import { requireUser } from "@/server/session";

export const metadata: Metadata = { title: "Metrics" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Leadership's quarterly figures, for every practice in scope or one, with trends, charts, CSV and a printable summary. */
export default async function MetricsPage({ searchParams }: { searchParams: SearchParams }) {
  const query = await searchParams;
  const practiceId =
    typeof query.practice === "string" && uuidPattern.test(query.practice) ? query.practice : null;
  const search = typeof query.find === "string" ? query.find.trim().slice(0, 100) : "";
  const user = await requireUser();
  const queryClient = getQueryClient();
  const [{ items: practices, total }, metrics] = await Promise.all([
    practiceChoices(search),
    orNotFound(
      queryClient.fetchQuery(trpc.metrics.quarterly.queryOptions(practiceId ? { practiceId } : {})),
    ),
  ]);
  const everyPractice = user.practiceIds === "*";
  const allLabel = everyPractice ? `All practices of ${user.mspName}` : "All my practices";
  const scopeName = practiceId ? (metrics.practiceName ?? "This practice") : allLabel;
  // An archived practice is not among the options, but its figures can still be asked for by address.
  const options =
    practiceId && !practices.some((practice) => practice.id === practiceId)
      ? [...practices, { id: practiceId, name: scopeName }]
      : practices;
  const printFor = practiceId
    ? { id: practiceId, name: scopeName }
    : total === 1 && !search
      ? practices[0]!
      : null;

  return (
    <HydrateClient>
      <PageHeader
        title="Metrics"
        description="Quarter by quarter: incidents and downtime, response times, backups, reviews, urgent risks, plan completeness and drills, with the change from the quarter before."
      />
      {total === 0 && !search && !practiceId ? (
        <EmptyState icon={BarChart3} title="No practices yet">
          Figures appear here once there are practices to measure.
        </EmptyState>
      ) : (
        <>
          <div className="mb-4 flex flex-col gap-3 rounded-lg border border-slate-200 bg-white p-4 md:flex-row md:items-end md:justify-between">
            <ScopePicker
              practices={options}
              total={total}
              search={search}
              practiceId={practiceId}
              allLabel={allLabel}
            />
            {printFor ? (
              <ButtonLink href={`/print/practices/${printFor.id}/quarterly`} variant="secondary">
                <Printer aria-hidden className="size-4" /> Printable summary of {printFor.name}
              </ButtonLink>
            ) : (
              <p className="text-sm text-slate-600 md:max-w-xs md:text-right">
                Choose one practice to print its one-page quarterly summary.
              </p>
            )}
          </div>
          <Suspense fallback={<MetricsSkeleton />}>
            <MetricsDashboard practiceId={practiceId} scopeName={scopeName} />
          </Suspense>
        </>
      )}
    </HydrateClient>
  );
}
