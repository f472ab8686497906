import { ArrowLeft } from "lucide-react";
import type { Metadata } from "next";
import Link from "@/components/ui/link";
import { redirect } from "next/navigation";
import { QuarterlySummary } from "@/components/metrics/print-summary";
import { PrintSummaryButton } from "@/components/metrics/print-button";
import { isScored } from "@/components/portfolio/readiness";
import { orNotFound } from "@/server/rsc-errors";
import { getQueryClient, trpc } from "@/server/rsc";
import { getCurrentUser } from "@/server/session";

type Props = { params: Promise<{ practiceId: string }> };

/** The practice (which checks it is within the caller's reach: otherwise the not-found page), its quarterly figures and its readiness today. */
async function loadSummary(practiceId: string) {
  const queryClient = getQueryClient();
  const practice = await orNotFound(
    queryClient.fetchQuery(trpc.practices.get.queryOptions({ practiceId }, { retry: false })),
  );
  const [metrics, portfolio] = await Promise.all([
    orNotFound(
      queryClient.fetchQuery(trpc.metrics.quarterly.queryOptions({ practiceId }, { retry: false })),
    ),
    queryClient.fetchQuery(
      trpc.practices.portfolio.queryOptions(
        {
          search: practice.name.slice(0, 100),
          archived: practice.archivedAt !== null,
          pageSize: 100,
        },
        { retry: false },
      ),
    ),
  ]);
  const readiness = portfolio.items.find((item) => item.practiceId === practiceId);
  return { practice, metrics, readiness: readiness && isScored(readiness) ? readiness : null };
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { practiceId } = await params;
  try {
    const { practice, metrics } = await loadSummary(practiceId);
    // The title is what a browser suggests as the file name of "Save as PDF".
    return { title: `Quarterly summary - ${practice.name} - ${metrics.quarters.at(-1)}` };
  } catch {
    return { title: "Quarterly summary" };
  }
}

/** The printable one-page quarterly summary of one practice: server-rendered, readable and printable without client JavaScript. */
export default async function QuarterlySummaryPage({ params }: Props) {
  const { practiceId } = await params;
  const user = await getCurrentUser();
  if (!user)
    redirect(
      `/sign-in?reason=expired&callbackUrl=${encodeURIComponent(`/print/practices/${practiceId}/quarterly`)}`,
    );
  const { practice, metrics, readiness } = await loadSummary(practiceId);

  return (
    <>
      <nav aria-label="Summary" className="print-toolbar no-print">
        <div className="flex flex-wrap items-center gap-2">
          <Link
            href={`/metrics?practice=${practiceId}`}
            className="inline-flex min-h-10 items-center gap-1.5 rounded-md px-2 text-sm font-medium text-brand-700 underline-offset-2 hover:underline"
          >
            <ArrowLeft aria-hidden className="size-4" /> Back to the metrics
          </Link>
          <div className="ml-auto">
            <PrintSummaryButton />
          </div>
        </div>
        <noscript>
          <p className="mt-1 px-2 text-sm text-slate-600">
            To print, use your browser&apos;s Print command (Ctrl+P or ⌘P).
          </p>
        </noscript>
      </nav>
      <main className="print-sheet quarterly-sheet">
        <QuarterlySummary
          metrics={metrics}
          practiceName={practice.name}
          timeZone={practice.timezone}
          readiness={readiness}
          printedAt={new Date()}
          printedByName={user.name}
          mspName={user.mspName}
        />
      </main>
    </>
  );
}
