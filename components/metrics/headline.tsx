import { headlineDefs, headlineWords } from "./headline-words";
import { TrendText } from "./trend";
import type { QuarterlyMetrics } from "./types";

/**
 * The three numbers leadership asks about, first on the page: downtime, plan completeness and
 * restore tests passed in the latest quarter, each with its change from the quarter before.
 */
export function MetricsHeadline({ metrics }: { metrics: QuarterlyMetrics }) {
  const latest = metrics.figures.at(-1)!.quarter;
  const previous = metrics.figures.at(-2)?.quarter;
  return (
    <section
      aria-labelledby="metrics-headline"
      className="rounded-lg border border-slate-200 bg-white p-4 xl:col-span-2"
    >
      <h2 id="metrics-headline" className="text-base font-semibold text-slate-900">
        {latest} so far{previous ? `, against ${previous}` : ""}
      </h2>
      <dl className="mt-3 grid gap-4 sm:grid-cols-3">
        {metrics.headline.map((figure) => {
          const def = headlineDefs[figure.key];
          return (
            <div
              key={figure.key}
              className="min-w-0 rounded-md border border-slate-200 p-3"
              data-headline={figure.key}
            >
              <dt className="text-sm font-medium text-slate-700">{def.label}</dt>
              <dd>
                {figure.value === null ? (
                  <>
                    <span className="block text-xl font-semibold text-slate-700">No data yet</span>
                    <span className="block text-sm text-slate-600">
                      {def.none(latest)}
                      {previous && figure.previous !== null
                        ? ` In ${previous}: ${def.format(figure.previous)}.`
                        : ""}
                    </span>
                  </>
                ) : (
                  <>
                    <span className="block text-3xl font-semibold tabular-nums text-slate-900">
                      {def.format(figure.value)}
                    </span>
                    {def.detail(figure) && (
                      <span className="block text-sm text-slate-600">{def.detail(figure)}</span>
                    )}
                    <div className="mt-1">
                      <TrendText words={headlineWords(figure, metrics)} />
                    </div>
                  </>
                )}
              </dd>
            </div>
          );
        })}
      </dl>
    </section>
  );
}
