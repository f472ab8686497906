import { ArrowLeft, CheckCircle2, Equal, FilePen, GitCompare, History } from "lucide-react";
import type { Metadata } from "next";
import Link from "@/components/ui/link";
import { DiffLines, diffSummary } from "@/components/plan/diff-lines";
import { formatDay, formatMoment } from "@/components/ui/format";
import { StatusBadge } from "@/components/plan/plan-summary";
import { Alert } from "@/components/ui/alert";
import { buttonClass, ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { orNotFound } from "@/server/rsc-errors";
import { getQueryClient, trpc } from "@/server/rsc";

export const metadata: Metadata = { title: "Plan versions" };

type Ref = number | "draft";

function parseRef(value: string | string[] | undefined): Ref | null {
  if (value === "draft") return "draft";
  if (typeof value !== "string" || !/^\d{1,7}$/.test(value)) return null;
  const number = Number(value);
  return number >= 1 && number <= 1_000_000 ? number : null;
}

const refLabel = (ref: Ref) => (ref === "draft" ? "Current draft" : `Version ${ref}`);

export default async function PlanVersionsPage({
  params,
  searchParams,
}: {
  params: Promise<{ practiceId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { practiceId } = await params;
  const query = await searchParams;
  const queryClient = getQueryClient();
  const [practice, versions] = await Promise.all([
    orNotFound(queryClient.fetchQuery(trpc.practices.get.queryOptions({ practiceId }))),
    orNotFound(queryClient.fetchQuery(trpc.plans.versions.queryOptions({ practiceId }))),
  ]);
  const known = (ref: Ref | null): ref is Ref =>
    ref === "draft" || (ref !== null && versions.some((version) => version.number === ref));
  const asked = "from" in query || "to" in query;
  const from = parseRef(query.from);
  const to = parseRef(query.to);
  const showUnchanged = query.all === "1";
  const defaultFrom: Ref = versions[0]?.number ?? "draft";

  let problem: string | null = null;
  let comparison: Awaited<ReturnType<typeof fetchComparison>> | null = null;
  async function fetchComparison(fromRef: Ref, toRef: Ref) {
    return orNotFound(
      queryClient.fetchQuery(
        trpc.plans.compare.queryOptions({ practiceId, from: fromRef, to: toRef }),
      ),
    );
  }
  if (asked) {
    if (!known(from) || !known(to)) problem = "Choose two versions from the lists.";
    else if (from === to) problem = "Choose two different versions to compare.";
    else comparison = await fetchComparison(from, to);
  }
  const shown = comparison?.filter((section) => showUnchanged || section.changed) ?? [];
  const changedCount = comparison?.filter((section) => section.changed).length ?? 0;
  const refs: Ref[] = [...versions.map((version) => version.number), "draft"];

  return (
    <>
      <PageHeader
        title={practice.name}
        description="Published versions of the downtime plan"
        actions={
          <ButtonLink href={`/practices/${practiceId}/plan`} variant="secondary">
            <ArrowLeft aria-hidden className="size-4" /> Back to the plan
          </ButtonLink>
        }
      />
      {versions.length === 0 ? (
        <EmptyState icon={History} title="No published versions yet">
          Publish the plan from the Plan tab; every published version is kept here and can be
          compared.
        </EmptyState>
      ) : (
        <div className="space-y-6">
          <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">Published versions</caption>
              <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-600">
                <tr>
                  <th scope="col" className="px-4 py-2.5">
                    Version
                  </th>
                  <th scope="col" className="px-4 py-2.5">
                    Published
                  </th>
                  <th scope="col" className="hidden px-4 py-2.5 sm:table-cell">
                    By
                  </th>
                  <th scope="col" className="px-4 py-2.5">
                    Completeness
                  </th>
                  <th scope="col" className="hidden px-4 py-2.5 md:table-cell">
                    Next review
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {versions.map((version, index) => (
                  <tr key={version.number}>
                    <td className="px-4 py-3">
                      <Link
                        href={`/practices/${practiceId}/plan/versions/${version.number}`}
                        className="font-medium text-brand-700 hover:underline"
                      >
                        Version {version.number}
                      </Link>
                      {index === 0 && (
                        <span className="ml-2">
                          <StatusBadge tone="ok" icon={CheckCircle2}>
                            Latest
                          </StatusBadge>
                        </span>
                      )}
                    </td>
                    <td className="px-4 py-3 text-slate-700">
                      {formatMoment(version.publishedAt, practice.timezone)}
                      <span className="block text-xs text-slate-500 sm:hidden">
                        by {version.publishedByName}
                      </span>
                    </td>
                    <td className="hidden px-4 py-3 text-slate-700 sm:table-cell">
                      {version.publishedByName}
                    </td>
                    <td className="px-4 py-3 tabular-nums text-slate-700">
                      {version.completenessScore} / 100
                    </td>
                    <td className="hidden px-4 py-3 text-slate-700 md:table-cell">
                      {formatDay(version.nextReviewOn)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>

          <section
            aria-labelledby="compare-title"
            className="rounded-lg border border-slate-200 bg-white p-4 sm:p-5"
          >
            <h2 id="compare-title" className="mb-3 flex items-center gap-2 text-base font-semibold">
              <GitCompare aria-hidden className="size-4" /> Compare two versions
            </h2>
            <form
              action={`/practices/${practiceId}/plan/versions`}
              className="flex flex-col gap-3 sm:flex-row sm:flex-wrap sm:items-end"
            >
              <RefSelect
                name="from"
                label="From"
                refs={refs}
                value={known(from) ? from : defaultFrom}
              />
              <RefSelect name="to" label="To" refs={refs} value={known(to) ? to : "draft"} />
              <div className="flex items-center gap-2 sm:pb-2.5">
                <input
                  id="compare-all"
                  type="checkbox"
                  name="all"
                  value="1"
                  defaultChecked={showUnchanged}
                  className="size-4 accent-brand-700"
                />
                <label htmlFor="compare-all" className="text-sm font-medium text-slate-800">
                  Show unchanged sections
                </label>
              </div>
              <button type="submit" className={buttonClass("primary")}>
                Compare
              </button>
            </form>
          </section>

          {problem && <Alert tone="error">{problem}</Alert>}
          {comparison && known(from) && known(to) && (
            <section aria-labelledby="comparison-title" id="comparison" className="space-y-3">
              <h2 id="comparison-title" className="text-base font-semibold">
                {refLabel(from)} → {refLabel(to)}
              </h2>
              <p className="text-sm text-slate-600">
                {changedCount === 0
                  ? "No section differs."
                  : `${changedCount} of ${comparison.length} sections changed. Lines marked + were added, lines marked − were removed.`}
                {!showUnchanged &&
                  changedCount < comparison.length &&
                  " Unchanged sections are hidden."}
              </p>
              {shown.map((section) => (
                <article
                  key={section.section}
                  aria-labelledby={`diff-${section.section}`}
                  className="rounded-lg border border-slate-200 bg-white p-4 sm:p-5"
                >
                  <div className="mb-2 flex flex-wrap items-center gap-2">
                    <h3 id={`diff-${section.section}`} className="font-semibold">
                      {section.title}
                    </h3>
                    {section.changed ? (
                      <StatusBadge tone="warn" icon={FilePen}>
                        Changed
                      </StatusBadge>
                    ) : (
                      <StatusBadge tone="neutral" icon={Equal}>
                        Unchanged
                      </StatusBadge>
                    )}
                    <span className="text-xs text-slate-500">{diffSummary(section.lines)}</span>
                  </div>
                  <DiffLines
                    lines={section.lines}
                    label={`${section.title}: ${refLabel(from)} to ${refLabel(to)}`}
                  />
                </article>
              ))}
            </section>
          )}
        </div>
      )}
    </>
  );
}

function RefSelect({
  name,
  label,
  refs,
  value,
}: {
  name: string;
  label: string;
  refs: Ref[];
  value: Ref;
}) {
  const id = `compare-${name}`;
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <select
        id={id}
        name={name}
        defaultValue={String(value)}
        className="block min-h-10 w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm sm:w-48"
      >
        {refs.map((ref) => (
          <option key={String(ref)} value={String(ref)}>
            {refLabel(ref)}
          </option>
        ))}
      </select>
    </div>
  );
}
