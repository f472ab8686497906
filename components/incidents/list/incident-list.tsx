import Link from "@/components/ui/link";
import { formatMoment, formatUsd } from "@/components/ui/format";
import { isOpenStatus } from "@/server/domain/incident-status";
import { durationLabel } from "./format";
import { SeverityBadge, StatusBadge, VendorWideBadge } from "./incident-badges";
import { incidentHref, type IncidentListItem } from "./types";

function Duration({ item }: { item: IncidentListItem }) {
  return (
    <>
      {durationLabel(item.minutes)}
      {isOpenStatus(item.status) && <span className="text-slate-500"> so far</span>}
    </>
  );
}

/**
 * Incidents, newest first: a table on a wide screen, one card per incident on a phone. Each names
 * its practice, severity and status (icon and word), when it started in the practice's time zone,
 * how long it lasted and what it cost.
 */
export function IncidentList({
  items,
  showPractice = true,
  caption = "Incidents",
}: {
  items: IncidentListItem[];
  showPractice?: boolean;
  caption?: string;
}) {
  return (
    <>
      <ul aria-label={caption} className="space-y-3 md:hidden">
        {items.map((item) => (
          <li key={item.id} className="rounded-lg border border-slate-200 bg-white p-4">
            <Link
              href={incidentHref(item)}
              className="font-medium text-brand-700 underline-offset-2 hover:underline"
            >
              {item.title}
            </Link>
            {showPractice && <p className="mt-0.5 text-sm text-slate-700">{item.practiceName}</p>}
            <p className="mt-2 flex flex-wrap gap-1.5">
              <SeverityBadge severity={item.severity} />
              <StatusBadge status={item.status} />
              {item.groupId && <VendorWideBadge />}
            </p>
            <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 text-sm">
              <dt className="text-slate-500">Started</dt>
              <dd>{formatMoment(item.startedAt, item.timezone)}</dd>
              <dt className="text-slate-500">Duration</dt>
              <dd>
                <Duration item={item} />
              </dd>
              <dt className="text-slate-500">Est. cost</dt>
              <dd>{formatUsd(item.costCents)}</dd>
            </dl>
          </li>
        ))}
      </ul>
      <div className="hidden overflow-x-auto rounded-lg border border-slate-200 bg-white md:block">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">{caption}</caption>
          <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-600">
            <tr>
              <th scope="col" className="px-4 py-2.5">
                Incident
              </th>
              {showPractice && (
                <th scope="col" className="px-4 py-2.5">
                  Practice
                </th>
              )}
              <th scope="col" className="px-4 py-2.5">
                Severity
              </th>
              <th scope="col" className="px-4 py-2.5">
                Status
              </th>
              <th scope="col" className="px-4 py-2.5">
                Started
              </th>
              <th scope="col" className="px-4 py-2.5">
                Duration
              </th>
              <th scope="col" className="whitespace-nowrap px-4 py-2.5 text-right">
                Est. cost
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {items.map((item) => (
              <tr key={item.id} className="align-top hover:bg-slate-50">
                <th scope="row" className="px-4 py-3 text-left font-normal">
                  <Link
                    href={incidentHref(item)}
                    className="font-medium text-brand-700 hover:underline"
                  >
                    {item.title}
                  </Link>
                  {item.groupId && (
                    <div className="mt-1">
                      <VendorWideBadge />
                    </div>
                  )}
                </th>
                {showPractice && <td className="px-4 py-3 text-slate-700">{item.practiceName}</td>}
                <td className="px-4 py-3">
                  <SeverityBadge severity={item.severity} />
                </td>
                <td className="px-4 py-3">
                  <StatusBadge status={item.status} />
                </td>
                <td className="px-4 py-3 text-slate-700">
                  {formatMoment(item.startedAt, item.timezone)}
                </td>
                <td className="whitespace-nowrap px-4 py-3 text-slate-700">
                  <Duration item={item} />
                </td>
                <td className="whitespace-nowrap px-4 py-3 text-right tabular-nums text-slate-700">
                  {formatUsd(item.costCents)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
