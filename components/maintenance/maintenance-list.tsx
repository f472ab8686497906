"use client";

import { useSuspenseQuery } from "@tanstack/react-query";
import { CalendarClock, CheckCircle2, CircleSlash, PlayCircle, Wrench } from "lucide-react";
import { useTRPC } from "@/components/trpc/client";
import { EmptyState } from "@/components/ui/empty-state";
import { formatMoment } from "@/components/ui/format";
import Link from "@/components/ui/link";
import { maintenanceStatusLabels, type MaintenanceStatus } from "@/server/contracts/maintenance";

export const statusIcons: Record<MaintenanceStatus, typeof Wrench> = {
  scheduled: CalendarClock,
  in_progress: PlayCircle,
  completed: CheckCircle2,
  cancelled: CircleSlash,
};

/** A practice's maintenance windows, latest first, with each one's prep progress. */
export function MaintenanceList({ practiceId }: { practiceId: string }) {
  const trpc = useTRPC();
  const { data } = useSuspenseQuery(trpc.maintenance.list.queryOptions({ practiceId }));
  if (data.windows.length === 0)
    return (
      <EmptyState icon={Wrench} title="No maintenance planned">
        Plan the next upgrade or vendor maintenance night: staff are told, the prep list runs on a
        clock, and the window runs as a planned incident.
      </EmptyState>
    );
  return (
    <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
      {data.windows.map((window) => {
        const Icon = statusIcons[window.status];
        return (
          <li key={window.id} className="flex flex-wrap items-center gap-3 p-3">
            <Icon aria-hidden className="size-5 text-slate-500" />
            <div className="min-w-0 flex-1">
              <Link
                href={`/practices/${practiceId}/maintenance/${window.id}`}
                className="font-medium text-brand-700 underline-offset-2 hover:underline"
              >
                {window.title}
              </Link>
              <p className="text-sm text-slate-600">
                {formatMoment(window.startsAt, data.timezone)} –{" "}
                {formatMoment(window.endsAt, data.timezone)}
                {window.vendorWide ? " · vendor-wide" : ""}
                {window.recurring ? " · repeats" : ""}
              </p>
            </div>
            <span className="text-sm text-slate-700">
              {maintenanceStatusLabels[window.status]} · prep {window.prep.done}/{window.prep.total}
            </span>
          </li>
        );
      })}
    </ul>
  );
}
