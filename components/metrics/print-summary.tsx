import { formatDay } from "@/components/ui/format";
import { partsOf, scoreBand } from "@/components/portfolio/readiness";
import type { PortfolioItem } from "@/components/portfolio/types";
import { figureGroups } from "./figure-groups";
import { causesText, columnLabel, figureValue, signedChange, trendWords } from "./figures";
import { headlineDefs, headlineWords } from "./headline-words";
import type { QuarterlyMetrics } from "./types";

const verdictMark = { better: "better", worse: "worse", same: "", none: "" } as const;
const arrowOf = { up: "▲", down: "▼", same: "=", none: "–" } as const;

/**
 * One practice's latest quarter against the one before, on one printed Letter page: the three
 * numbers leadership asks about, readiness today, then every figure with its change (an arrow, a
 * signed amount and "better" or "worse"). Black on white; nothing reads by colour.
 */
export function QuarterlySummary({
  metrics,
  practiceName,
  timeZone,
  readiness,
  printedAt,
  printedByName,
  mspName,
}: {
  metrics: QuarterlyMetrics;
  practiceName: string;
  timeZone: string;
  readiness: PortfolioItem | null;
  printedAt: Date;
  printedByName: string;
  mspName: string;
}) {
  const latest = metrics.figures.at(-1)!;
  const previous = metrics.figures.at(-2)!;
  const today = new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(printedAt);
  const band = readiness ? scoreBand(readiness.score) : null;
  const cell = "border-b border-slate-400 px-1.5 py-[1.5pt] align-top print:border-black";
  const head = `${cell} border-b-2 border-black font-bold`;
  const causes: string[] = [
    `${latest.quarter}: ${causesText(latest.topCauses) || "none recorded"}`,
    `${previous.quarter}: ${causesText(previous.topCauses) || "none recorded"}`,
  ];

  return (
    <article className="quarterly-summary text-[9.5pt] leading-snug text-slate-900 print:text-black">
      <header className="border-b-2 border-black pb-1.5">
        <p className="text-[8.5pt] font-bold uppercase tracking-wider">
          Quarterly readiness summary · {mspName}
        </p>
        <h1 className="mt-0.5 text-[16pt] font-bold leading-tight">{practiceName}</h1>
        <p className="text-[9pt]">
          <span className="font-semibold">
            {latest.quarter} (to {formatDay(today)}) compared with {previous.quarter}
          </span>{" "}
          · printed {formatDay(today)} by {printedByName}
        </p>
      </header>

      <section aria-labelledby="summary-headline" className="mt-2 break-inside-avoid">
        <h2 id="summary-headline" className="sr-only">
          The three numbers
        </h2>
        <dl className="grid gap-2 sm:grid-cols-3 print:grid-cols-3">
          {metrics.headline.map((figure) => {
            const def = headlineDefs[figure.key];
            const words = figure.value === null ? null : headlineWords(figure, metrics);
            return (
              <div key={figure.key} className="rounded border border-black px-2 py-1">
                <dt className="text-[8.5pt] font-bold uppercase tracking-wide">{def.label}</dt>
                <dd>
                  <span className="block text-[14pt] font-bold leading-tight tabular-nums">
                    {figure.value === null ? "No data yet" : def.format(figure.value)}
                  </span>
                  <span className="block text-[8.5pt]">
                    {words ? (
                      <>
                        <span aria-hidden>{arrowOf[words.direction]} </span>
                        {words.text}
                        {verdictMark[words.verdict] && (
                          <span className="font-semibold"> ({verdictMark[words.verdict]})</span>
                        )}
                      </>
                    ) : (
                      def.none(latest.quarter)
                    )}
                  </span>
                </dd>
              </div>
            );
          })}
        </dl>
      </section>

      {readiness && band && (
        <section aria-labelledby="summary-readiness" className="mt-2 break-inside-avoid">
          <h2 id="summary-readiness" className="border-b border-black text-[11pt] font-bold">
            Readiness today: {readiness.score} / 100 — {band.word}
          </h2>
          <ul className="mt-1 grid grid-cols-2 gap-x-4 text-[8.5pt] sm:grid-cols-3 print:grid-cols-3">
            {partsOf(readiness).map((part) => (
              <li key={part.key}>
                <span className="font-semibold">{part.label}:</span> {part.status}
                {part.tone !== "ok" && part.detail && <span> ({part.detail})</span>}
              </li>
            ))}
          </ul>
        </section>
      )}

      <section aria-labelledby="summary-figures" className="mt-2">
        <h2 id="summary-figures" className="border-b border-black text-[11pt] font-bold">
          The quarter in figures
        </h2>
        {/* On a phone the table scrolls sideways on its own; the page does not. */}
        <div className="overflow-x-auto print:overflow-visible">
          <table className="mt-1 w-full border-collapse text-left text-[8.5pt] leading-tight">
            <caption className="sr-only">
              {latest.quarter} against {previous.quarter}
            </caption>
            <colgroup>
              <col className="w-[17%]" />
              <col />
              <col className="w-[11%]" />
              <col className="w-[11%]" />
              <col className="w-[16%]" />
            </colgroup>
            <thead>
              <tr>
                <th scope="col" className={head}>
                  Group
                </th>
                <th scope="col" className={head}>
                  Figure
                </th>
                <th scope="col" className={`${head} whitespace-nowrap text-right`}>
                  {latest.quarter}
                </th>
                <th scope="col" className={`${head} whitespace-nowrap text-right`}>
                  {previous.quarter}
                </th>
                <th scope="col" className={head}>
                  Change
                </th>
              </tr>
            </thead>
            {figureGroups.map((group) => (
              <tbody key={group.id} className="break-inside-avoid">
                {group.figures.map((key, index) => {
                  const words = trendWords(key, metrics);
                  return (
                    <tr key={key}>
                      {index === 0 && (
                        <th
                          scope="rowgroup"
                          rowSpan={group.figures.length}
                          className={`${cell} border-black font-bold`}
                        >
                          {group.title}
                        </th>
                      )}
                      <th scope="row" className={`${cell} font-normal`}>
                        {columnLabel[key]}
                      </th>
                      <td
                        className={`${cell} whitespace-nowrap text-right font-semibold tabular-nums`}
                      >
                        {figureValue(key, latest)}
                      </td>
                      <td className={`${cell} whitespace-nowrap text-right tabular-nums`}>
                        {figureValue(key, previous)}
                      </td>
                      <td className={`${cell} whitespace-nowrap`}>
                        <span aria-hidden>{arrowOf[words.direction]} </span>
                        {signedChange(key, words, metrics.trends[key]?.change ?? null)}
                        {verdictMark[words.verdict] && (
                          <span className="font-semibold"> ({verdictMark[words.verdict]})</span>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            ))}
            <tbody className="break-inside-avoid">
              <tr>
                <th scope="rowgroup" className={`${cell} border-black font-bold`}>
                  Repeated causes
                </th>
                <th scope="row" className={`${cell} font-normal`}>
                  {columnLabel.topCauses}
                </th>
                <td colSpan={3} className={cell}>
                  {causes.join(" · ")}
                </td>
              </tr>
            </tbody>
          </table>
        </div>
      </section>

      <footer className="mt-2 border-t border-black pt-0.5 text-[7.5pt] leading-snug">
        <p>
          Quarters are calendar quarters in the practice&apos;s time zone ({timeZone});{" "}
          {latest.quarter} runs to {formatDay(today)}. Durations in minutes; cost is minutes down ×
          the practice&apos;s cost of one downtime minute; &ldquo;pts&rdquo; are percentage points.
          Standby.
        </p>
      </footer>
    </article>
  );
}
