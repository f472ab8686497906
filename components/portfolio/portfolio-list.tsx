"use client";

import { PracticeFlags } from "@/components/practices/practice-flags";
import { LinkArea } from "@/components/ui/link";
import type { PortfolioSort } from "@/server/contracts/portfolio";
import { isScored, partLabels, partsOf, type PartKey } from "./readiness";
import { NotScored, PartLink, ReadinessIconSprite, ScoreMeter } from "./readiness-badges";
import type { PortfolioItem } from "./types";

const partOrder: PartKey[] = ["plan", "vendors", "backups", "review", "risks", "outage"];

/**
 * The practices, one row each: the practice's name as the row header, then the score and each of its
 * parts. One rendering for every screen: on wide screens a table, on phones and narrow windows each
 * row is a card (the column headers hide and every part shows its label).
 */
export function PortfolioTable({
  items,
  archived,
  sort,
}: {
  items: PortfolioItem[];
  archived: boolean;
  sort: PortfolioSort;
}) {
  return (
    <LinkArea className="lg:overflow-x-auto lg:rounded-lg lg:border lg:border-slate-200 lg:bg-white">
      <ReadinessIconSprite />
      <table className="w-full text-left text-sm max-lg:block">
        <caption className="sr-only">Practices</caption>
        <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-600 max-lg:hidden">
          <tr>
            <th
              scope="col"
              className="px-2.5 py-2.5"
              aria-sort={sort === "name" ? "ascending" : undefined}
            >
              Practice
            </th>
            <th
              scope="col"
              className="px-2.5 py-2.5"
              aria-sort={
                sort === "score_asc"
                  ? "ascending"
                  : sort === "score_desc"
                    ? "descending"
                    : undefined
              }
            >
              Readiness
            </th>
            {partOrder.map((key) => (
              <th key={key} scope="col" className="px-2.5 py-2.5">
                {partLabels[key]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="max-lg:grid max-lg:gap-3 md:max-lg:grid-cols-2 lg:divide-y lg:divide-slate-100">
          {items.map((item) => (
            <tr key={item.practiceId} className="portfolio-row">
              <th scope="row">
                <a href={`/practices/${item.practiceId}`} className="practice">
                  {item.name}
                </a>
                {item.ehrProduct && <span className="sub">EHR: {item.ehrProduct}</span>}
                {(item.isNewOffice || item.isMigrating || archived) && (
                  <span className="mt-1 block">
                    <PracticeFlags
                      isNewOffice={item.isNewOffice}
                      isMigrating={item.isMigrating}
                      archived={archived}
                    />
                  </span>
                )}
              </th>
              {isScored(item) ? (
                <>
                  <td className="score">
                    <ScoreMeter score={item.score} />
                  </td>
                  {partsOf(item).map((part) => (
                    <td key={part.key}>
                      <PartLink part={part} />
                    </td>
                  ))}
                </>
              ) : (
                <td colSpan={1 + partOrder.length} className="unscored">
                  <NotScored />
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </LinkArea>
  );
}
