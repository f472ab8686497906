import { formatDay } from "@/components/ui/format";
import { partsOf, scoreBand } from "@/components/portfolio/readiness";
import type { PortfolioItem } from "@/components/portfolio/types";
import { figureGroups } from "./figure-groups";
import { causesText, columnLabel, figureValue, trendWords } from "./figures";
import type { QuarterlyMetrics } from "./types";

const verdictMark = { better: "better", worse: "worse", same: "", none: "" } as const;
const arrowOf = { up: "▲", down: "▼", same: "=", none: "–" } as const;

/**
 * One practice's latest quarter against the one before, on one printed page: readiness today,
 * then every figure with its change in words. Black on white; nothing reads by colour.
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
  const cell = "border-b border-slate-400 px-2 py-1 align-top print:border-black print:py-[1.5pt]";

  return (
    <article className="text-[11pt] leading-snug text-slate-900 print:text-[10pt] print:text-black">
      <header className="border-b-2 border-black pb-2">
        <p className="text-[10pt] font-bold uppercase tracking-wider">
          Quarterly readiness summary
        </p>
        <h1 className="mt-0.5 text-[20pt] font-bold leading-tight print:text-[17pt]">
          {practiceName}
        </h1>
        <p className="font-semibold">
          {latest.quarter} (to {formatDay(today)}) compared with {previous.quarter}
        </p>
        <p className="text-[10pt]">
          Managed by {mspName} · printed {formatDay(today)} by {printedByName}
        </p>
      </header>

      {readiness && band && (
        <section aria-labelledby="summary-readiness" className="mt-3 break-inside-avoid">
          <h2 id="summary-readiness" className="border-b border-black pb-0.5 text-[13pt] font-bold">
            Readiness today: {readiness.score} / 100 — {band.word}
          </h2>
          <ul className="mt-1.5 grid grid-cols-2 gap-x-6 gap-y-0.5 text-[10pt] sm:grid-cols-3 print:grid-cols-3">
            {partsOf(readiness).map((part) => (
              <li key={part.key}>
                <span className="font-semibold">{part.label}:</span> {part.status}
                {part.tone !== "ok" && part.detail && <span> ({part.detail})</span>}
              </li>
            ))}
          </ul>
        </section>
      )}

      <section aria-labelledby="summary-figures" className="mt-4 print:mt-3">
        <h2 id="summary-figures" className="border-b border-black pb-0.5 text-[13pt] font-bold">
          The quarter in figures
        </h2>
        <table className="mt-1.5 w-full border-collapse text-left text-[10pt] print:text-[9pt]">
          <caption className="sr-only">
            {latest.quarter} against {previous.quarter}
          </caption>
          <thead>
            <tr>
              <th scope="col" className={`${cell} border-b-2 font-bold`}>
                Figure
              </th>
              <th
                scope="col"
                className={`${cell} whitespace-nowrap border-b-2 text-right font-bold`}
              >
                {latest.quarter}
              </th>
              <th
                scope="col"
                className={`${cell} whitespace-nowrap border-b-2 text-right font-bold`}
              >
                {previous.quarter}
              </th>
              <th scope="col" className={`${cell} border-b-2 font-bold`}>
                Change
              </th>
            </tr>
          </thead>
          {figureGroups.map((group) => (
            <tbody key={group.id} className="break-inside-avoid">
              <tr>
                <th
                  scope="colgroup"
                  colSpan={4}
                  className="px-2 pb-0.5 pt-2 text-[9.5pt] font-bold uppercase tracking-wide print:pt-[5pt] print:text-[8.5pt]"
                >
                  {group.title}
                </th>
              </tr>
              {group.figures.map((key) => {
                const words = trendWords(key, metrics);
                return (
                  <tr key={key}>
                    <th scope="row" className={`${cell} font-normal`}>
                      {columnLabel[key]}
                    </th>
                    <td className={`${cell} text-right font-semibold tabular-nums`}>
                      {figureValue(key, latest)}
                    </td>
                    <td className={`${cell} text-right tabular-nums`}>
                      {figureValue(key, previous)}
                    </td>
                    <td className={cell}>
                      <span aria-hidden>{arrowOf[words.direction]} </span>
                      {words.change}
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
              <th
                scope="colgroup"
                colSpan={4}
                className="px-2 pb-0.5 pt-2 text-[9.5pt] font-bold uppercase tracking-wide print:pt-[5pt] print:text-[8.5pt]"
              >
                Repeated causes
              </th>
            </tr>
            <tr>
              <th scope="row" className={`${cell} font-normal`}>
                {columnLabel.topCauses}
              </th>
              <td colSpan={3} className={cell}>
                {latest.quarter}: {causesText(latest.topCauses) || "none recorded"} ·{" "}
                {previous.quarter}: {causesText(previous.topCauses) || "none recorded"}
              </td>
            </tr>
          </tbody>
        </table>
      </section>

      <footer className="mt-4 border-t border-black pt-1 text-[9pt]">
        <p>
          Quarters are calendar quarters in the practice&apos;s time zone ({timeZone});{" "}
          {latest.quarter} runs to {formatDay(today)}. Durations in minutes; cost is minutes down ×
          the practice&apos;s cost of one downtime minute. Standby.
        </p>
      </footer>
    </article>
  );
}
