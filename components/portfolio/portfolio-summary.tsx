import { AlertTriangle, CalendarClock, Siren } from "lucide-react";
import Link from "@/components/ui/link";
import { AT_RISK_BELOW } from "@/server/contracts/portfolio";
import { portfolioHref, type PortfolioParams } from "./params";

export type PortfolioSummaryFigures = {
  practices: number;
  atRisk: number;
  openOutages: number;
  overdueTests: number;
};

/**
 * The three figures a technician looks for first, over every active practice in scope (whatever
 * the search and filter below), each opening the list that explains it.
 */
export function PortfolioSummary({
  summary,
  params,
}: {
  summary: PortfolioSummaryFigures;
  params: PortfolioParams;
}) {
  const base = { ...params, search: "", archived: false, page: 1 };
  const figures = [
    {
      icon: AlertTriangle,
      value: summary.atRisk,
      words: summary.atRisk === 1 ? "practice at risk" : "practices at risk",
      href: portfolioHref({ ...base, filter: "all", sort: "score_asc" }),
      alarm: summary.atRisk > 0,
    },
    {
      icon: Siren,
      value: summary.openOutages,
      words: summary.openOutages === 1 ? "open outage" : "open outages",
      href: portfolioHref({ ...base, filter: "active_incident" }),
      alarm: summary.openOutages > 0,
    },
    {
      icon: CalendarClock,
      value: summary.overdueTests,
      words: summary.overdueTests === 1 ? "overdue backup test" : "overdue backup tests",
      href: portfolioHref({ ...base, filter: "backups_overdue" }),
      alarm: summary.overdueTests > 0,
    },
  ];
  return (
    <section aria-label="At a glance" className="mb-3">
      <ul className="grid gap-2 sm:grid-cols-3">
        {figures.map(({ icon: Icon, value, words, href, alarm }) => (
          <li key={words}>
            <Link
              href={href}
              className={`flex min-h-14 items-center gap-3 rounded-lg border bg-white px-4 py-2 hover:bg-slate-50 ${
                alarm ? "border-red-300" : "border-slate-200"
              }`}
            >
              <Icon
                aria-hidden
                className={`size-5 shrink-0 ${alarm ? "text-red-700" : "text-slate-500"}`}
              />
              <span>
                <span
                  className={`text-2xl font-semibold tabular-nums ${alarm ? "text-red-800" : "text-slate-900"}`}
                >
                  {value}
                </span>{" "}
                <span className="text-sm text-slate-700">{words}</span>
              </span>
            </Link>
          </li>
        ))}
      </ul>
      <p className="mt-1 text-xs text-slate-600">
        Of {summary.practices} active {summary.practices === 1 ? "practice" : "practices"}; at risk
        is a score below {AT_RISK_BELOW}.
      </p>
    </section>
  );
}
