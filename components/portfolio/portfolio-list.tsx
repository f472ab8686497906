import Link from "next/link";
import { PracticeFlags } from "@/components/practices/practice-flags";
import type { PortfolioSort } from "@/server/contracts/portfolio";
import { isScored, partLabels, partsOf, type PartKey } from "./readiness";
import { NotScored, PartLink, ScoreMeter } from "./readiness-badges";
import type { PortfolioItem } from "./types";

const partOrder: PartKey[] = ["plan", "vendors", "backups", "review", "risks", "outage"];

function PracticeName({
  item,
  archived,
  large = false,
}: {
  item: PortfolioItem;
  archived: boolean;
  large?: boolean;
}) {
  return (
    <>
      <Link
        href={`/practices/${item.practiceId}`}
        className={`font-medium text-brand-700 hover:underline ${large ? "text-base" : ""}`}
      >
        {item.name}
      </Link>
      {item.ehrProduct && (
        <span className="mt-0.5 block text-xs text-slate-500">EHR: {item.ehrProduct}</span>
      )}
      {(item.isNewOffice || item.isMigrating || archived) && (
        <span className="mt-1 block">
          <PracticeFlags
            isNewOffice={item.isNewOffice}
            isMigrating={item.isMigrating}
            archived={archived}
          />
        </span>
      )}
    </>
  );
}

/**
 * Wide screens: a table, one row per practice, the practice's name as the row header, then the
 * score and each of its parts.
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
    <div className="hidden overflow-x-auto rounded-lg border border-slate-200 bg-white lg:block">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Practices</caption>
        <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-600">
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
        <tbody className="divide-y divide-slate-100">
          {items.map((item) => (
            <tr key={item.practiceId} className="align-top">
              <th scope="row" className="min-w-40 px-2.5 py-3 text-left font-normal">
                <PracticeName item={item} archived={archived} />
              </th>
              {isScored(item) ? (
                <>
                  <td className="px-2.5 py-3">
                    <ScoreMeter score={item.score} />
                  </td>
                  {partsOf(item).map((part) => (
                    <td key={part.key} className="min-w-28 px-2.5 py-3">
                      <PartLink part={part} />
                    </td>
                  ))}
                </>
              ) : (
                <td colSpan={1 + partOrder.length} className="px-2.5 py-3">
                  <NotScored />
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Phones and narrow windows: one card per practice, the same figures with their labels. */
export function PortfolioCards({ items, archived }: { items: PortfolioItem[]; archived: boolean }) {
  return (
    <ul aria-label="Practices" className="grid gap-3 md:grid-cols-2 lg:hidden">
      {items.map((item) => (
        <li key={item.practiceId} className="rounded-lg border border-slate-200 bg-white p-4">
          <div className="flex items-start justify-between gap-3">
            <div className="min-w-0">
              <PracticeName item={item} archived={archived} large />
            </div>
            {isScored(item) && <ScoreMeter score={item.score} />}
          </div>
          {isScored(item) ? (
            <ul className="mt-3 grid grid-cols-2 gap-x-3 gap-y-3 border-t border-slate-100 pt-3 text-sm">
              {partsOf(item).map((part) => (
                <li key={part.key}>
                  <PartLink part={part} showLabel />
                </li>
              ))}
            </ul>
          ) : (
            <div className="mt-3 border-t border-slate-100 pt-3">
              <NotScored />
            </div>
          )}
        </li>
      ))}
    </ul>
  );
}
