"use client";

import { useSuspenseQuery } from "@tanstack/react-query";
import { Suspense, useMemo } from "react";
import { useTRPC } from "@/components/trpc/client";
import { Alert } from "@/components/ui/alert";
import { isOpenStatus } from "@/server/domain/incident-status";
import { DuplicatePanel } from "./duplicate-panel";
import { IncidentMonitorsPanel } from "./monitors-panel";
import { OutboxProvider } from "./outbox";
import { PhoneActionBar } from "./phone-action-bar";
import { RecoveryPanel } from "./recovery-panel";
import { ReviewPanel } from "./review-panel";
import { RoomHeader } from "./room-header";
import { RoomProvider } from "./room-context";
import { TimelineSkeleton } from "./room-skeleton";
import { StatusPanel } from "./status-panel";
import { SystemsPanel } from "./systems-panel";
import { TicketsPanel } from "./tickets-panel";
import { TimelinePanel } from "./timeline-panel";
import { TriagePanel } from "./triage-panel";
import type { RoomAccess } from "./types";

/**
 * The incident room: one shared place to run an outage and its recovery. On a wide screen the live
 * timeline sits beside the work; on a phone the sections stack in the order they are needed.
 */
export function IncidentRoom({
  practiceId,
  incidentId,
  userId,
  access,
}: {
  practiceId: string;
  incidentId: string;
  /** Whose outbox this device reads (what they wrote while offline). */
  userId: string;
  access: RoomAccess;
}) {
  const trpc = useTRPC();
  // The live timeline asks for this again after every change; a slow poll covers a lost stream.
  const { data: view, dataUpdatedAt } = useSuspenseQuery({
    ...trpc.incidents.get.queryOptions({ practiceId, incidentId }),
    refetchInterval: 60_000,
  });
  const timeZone = view.practice.timezone;
  const canWrite = access.canWrite && !view.practice.archived;
  const roomAccess = useMemo(() => ({ ...access, canWrite }), [access, canWrite]);
  const room = useMemo(
    () => ({
      practiceId,
      incidentId,
      timeZone,
      access: roomAccess,
      serverNow: view.now,
      clockOffsetMs: view.now.getTime() - dataUpdatedAt,
    }),
    [practiceId, incidentId, timeZone, roomAccess, view.now, dataUpdatedAt],
  );
  const recovering = !isOpenStatus(view.incident.status);
  // The people running the outage get the phone's action bar; a closed or read-only room has none.
  const running = canWrite && view.incident.status !== "closed";

  const sections = [
    { id: "status", label: "Status" },
    ...(recovering ? [{ id: "recovery", label: "Recovery" }] : []),
    { id: "timeline", label: "Timeline" },
    { id: "tickets", label: "Vendor tickets" },
    { id: "triage", label: "Triage" },
    { id: "systems", label: "What is down" },
    ...(recovering ? [{ id: "review", label: "Review" }] : []),
  ];

  return (
    <RoomProvider value={room}>
      <OutboxProvider userId={userId}>
        <div className={`space-y-4 ${running ? "pb-[var(--phone-action-bar,0px)] sm:pb-0" : ""}`}>
          {view.practice.archived && (
            <Alert>This practice is archived: its incidents are read-only.</Alert>
          )}
          <RoomHeader view={view} />
          <DuplicatePanel view={view} />
          <nav aria-label="Sections of this incident" className="-mx-1 overflow-x-auto px-1">
            <ul className="flex gap-1.5 pb-1">
              {sections.map((section) => (
                <li
                  key={section.id}
                  // On a phone the timeline comes first while the outage runs: so does its link.
                  className={`shrink-0 ${section.id === "timeline" && !recovering ? "order-first sm:order-none" : ""}`}
                >
                  <a
                    href={`#${section.id}`}
                    className="inline-flex min-h-9 items-center rounded-full border border-slate-300 bg-white px-3 text-sm font-medium text-slate-700 hover:bg-slate-100"
                  >
                    {section.label}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
          {/*
            Below xl the two columns dissolve ("contents") and the order classes interleave them. On a
            phone, while the outage runs, the timeline and its update form come first.
          */}
          <div className="flex flex-col gap-4 xl:grid xl:grid-cols-[minmax(0,1fr)_24rem] xl:items-start xl:gap-6">
            <div className="contents xl:flex xl:flex-col xl:gap-6">
              <StatusPanel view={view} className="order-1" />
              <IncidentMonitorsPanel
                practiceId={practiceId}
                incidentId={incidentId}
                className="order-1"
              />
              {recovering && <RecoveryPanel view={view} className="order-2" />}
              <TicketsPanel view={view} className="order-4" />
              <TriagePanel view={view} className="order-5" />
              <SystemsPanel view={view} className="order-6" />
              {recovering && <ReviewPanel view={view} className="order-7" />}
            </div>
            <div
              className={`min-w-0 xl:order-none ${recovering ? "order-3" : "order-first sm:order-3"}`}
            >
              <Suspense fallback={<TimelineSkeleton />}>
                <TimelinePanel view={view} />
              </Suspense>
            </div>
          </div>
        </div>
        {running && (
          <PhoneActionBar view={view} canPost canChangeStatus={view.nextStatuses.length > 0} />
        )}
      </OutboxProvider>
    </RoomProvider>
  );
}
