"use client";

import { useQuery } from "@tanstack/react-query";
import { Siren } from "lucide-react";
import Link from "@/components/ui/link";
import { useTRPC } from "@/components/trpc/client";
import { incidentStatusLabels } from "@/server/contracts/incidents";
import { durationLabel, minutesBetween } from "./format";
import { incidentHref, type ActiveIncident } from "./types";

/** More than this many open outages collapse into a count with a link to the list. */
const LINES = 3;

const linkClass =
  "font-semibold underline underline-offset-2 hover:no-underline focus-visible:outline-white";

/**
 * The red banner on every signed-in page while an outage the person can see is open. Rendered
 * with the server's list, then asked again every 30 seconds, so it appears and disappears
 * without a navigation. A labelled region, not an alert: it is there on every page.
 */
export function ActiveIncidentBanner({
  initial,
  readAt,
}: {
  initial: ActiveIncident[] | null;
  readAt: number;
}) {
  const trpc = useTRPC();
  const { data, dataUpdatedAt } = useQuery({
    ...trpc.incidents.active.queryOptions(),
    initialData: initial ?? undefined,
    initialDataUpdatedAt: readAt || undefined,
    refetchInterval: 30_000,
  });
  const incidents = data ?? [];
  if (incidents.length === 0) return null;
  // The moment the list was read: the same on the server and in the browser, so the minutes match.
  const now = dataUpdatedAt || readAt;
  const shown = incidents.slice(0, LINES);
  const more = incidents.length - shown.length;

  const status = (incident: ActiveIncident) =>
    `${incidentStatusLabels[incident.status].toLowerCase()}, ${durationLabel(minutesBetween(incident.startedAt, now))}`;

  return (
    <section aria-label="Open outages" className="border-b-4 border-red-900 bg-red-700 text-white">
      <div className="px-4 py-2.5 text-sm sm:px-6">
        {incidents.length === 1 ? (
          <p className="flex items-start gap-2">
            <Siren aria-hidden className="mt-0.5 size-4 shrink-0" />
            <span>
              Outage at <strong>{incidents[0]!.practiceName}</strong>:{" "}
              <Link href={incidentHref(incidents[0]!)} className={linkClass}>
                {incidents[0]!.title}
              </Link>{" "}
              — {status(incidents[0]!)}
            </span>
          </p>
        ) : (
          <>
            <p className="flex items-center gap-2">
              <Siren aria-hidden className="size-4 shrink-0" />
              <strong>
                {incidents.length >= 20 ? "20 or more" : incidents.length} open outages
              </strong>
              <Link href="/incidents?status=open" className={`${linkClass} ml-auto font-normal`}>
                {more > 0 ? `See all (${more} more)` : "See all"}
              </Link>
            </p>
            {/* One line each; on a phone a long line is cut short, but its link (first) stays in view. */}
            <ul className="mt-1 space-y-0.5 pl-6">
              {shown.map((incident) => (
                <li key={incident.id} className="truncate sm:whitespace-normal">
                  <Link href={incidentHref(incident)} className={linkClass}>
                    {incident.title}
                  </Link>{" "}
                  at {incident.practiceName} — {status(incident)}
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
    </section>
  );
}
