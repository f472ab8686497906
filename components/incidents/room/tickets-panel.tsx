"use client";

import { AlarmClock, ChevronsUp, Clock, Link2, Plus, Ticket as TicketIcon } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { useHydrated } from "@/components/ui/use-hydrated";
import { formatGap } from "./format";
import { dayIfNotToday, formatClock, formatShortMoment } from "@/components/ui/format";
import { Panel } from "./panel";
import { useRoom, useRoomNow } from "./room-context";
import { EscalateDialog, EtaDialog, OpenTicketDialog } from "./ticket-dialogs";
import type { IncidentView, Ticket } from "./types";

/** Vendor tickets: when each was opened, every escalation, the vendor's ETA, and when to call again. */
export function TicketsPanel({ view, className = "" }: { view: IncidentView; className?: string }) {
  const { access } = useRoom();
  const hydrated = useHydrated();
  const [opening, setOpening] = useState(false);
  const [escalating, setEscalating] = useState<string | null>(null);
  const [settingEta, setSettingEta] = useState<string | null>(null);
  const canChange = access.canWrite && view.incident.status !== "closed";
  const find = (id: string | null) => view.tickets.find((ticket) => ticket.id === id) ?? null;

  return (
    <Panel
      id="tickets"
      className={className}
      title="Vendor tickets"
      icon={TicketIcon}
      actions={
        canChange ? (
          <Button disabled={!hydrated} onClick={() => setOpening(true)}>
            <Plus aria-hidden className="size-4" /> Open a ticket
          </Button>
        ) : null
      }
    >
      {view.tickets.length === 0 ? (
        <p className="rounded-md border border-dashed border-slate-300 px-3 py-3 text-sm text-slate-600">
          No vendor ticket yet.
          {canChange
            ? " Record one as soon as you call the vendor: the time to first vendor contact counts from the start of the outage."
            : ""}
        </p>
      ) : (
        <ul className="space-y-3">
          {view.tickets.map((ticket) => (
            <TicketCard
              key={ticket.id}
              ticket={ticket}
              canChange={canChange}
              onEscalate={() => setEscalating(ticket.id)}
              onEta={() => setSettingEta(ticket.id)}
            />
          ))}
        </ul>
      )}
      {canChange && (
        <>
          <OpenTicketDialog view={view} open={opening} onClose={() => setOpening(false)} />
          <EscalateDialog ticket={find(escalating)} onClose={() => setEscalating(null)} />
          <EtaDialog ticket={find(settingEta)} onClose={() => setSettingEta(null)} />
        </>
      )}
    </Panel>
  );
}

function TicketCard({
  ticket,
  canChange,
  onEscalate,
  onEta,
}: {
  ticket: Ticket;
  canChange: boolean;
  onEscalate: () => void;
  onEta: () => void;
}) {
  const { timeZone } = useRoom();
  const hydrated = useHydrated();
  const label = `${ticket.vendorName} ticket ${ticket.ticketNumber}`;
  return (
    <li aria-label={label} className="rounded-md border border-slate-200 p-3">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div className="min-w-0">
          <p className="font-semibold break-words text-slate-900">
            {ticket.vendorName} · <span className="font-mono">{ticket.ticketNumber}</span>
          </p>
          <p className="text-sm text-slate-600">
            Opened {formatShortMoment(ticket.openedAt, timeZone)} by {ticket.createdByName}
          </p>
        </div>
        {ticket.shared && (
          <span className="inline-flex items-center gap-1 rounded-full border border-sky-300 bg-sky-50 px-2 py-0.5 text-xs font-medium text-sky-900">
            <Link2 aria-hidden className="size-3.5" /> Shared with linked practices
          </span>
        )}
      </div>

      <p className="mt-2 flex items-center gap-1.5 text-sm text-slate-700">
        <Clock aria-hidden className="size-4 shrink-0" />
        {ticket.etaAt ? (
          <>Vendor&apos;s ETA: {formatShortMoment(ticket.etaAt, timeZone)}</>
        ) : (
          "No ETA from the vendor yet"
        )}
      </p>

      {ticket.callAgain && <CallAgain due={ticket.callAgain} />}

      {ticket.escalations.length > 0 && (
        <ol
          aria-label={`Escalations of ${ticket.ticketNumber}`}
          className="mt-2 space-y-1 border-l-2 border-slate-200 pl-3 text-sm"
        >
          {ticket.escalations.map((escalation) => (
            <li key={escalation.id} className="flex items-start gap-1.5">
              <ChevronsUp aria-hidden className="mt-0.5 size-4 shrink-0 text-slate-500" />
              <span>
                <strong>Level {escalation.level}</strong>
                {escalation.contactName ? ` (${escalation.contactName})` : ""} at{" "}
                {formatShortMoment(escalation.escalatedAt, timeZone)} by{" "}
                {escalation.escalatedByName}
              </span>
            </li>
          ))}
        </ol>
      )}

      {canChange && (
        <div className="mt-3 flex flex-wrap gap-2">
          <Button variant="secondary" disabled={!hydrated} onClick={onEscalate}>
            <ChevronsUp aria-hidden className="size-4" /> Escalate
            <span className="sr-only"> {label}</span>
          </Button>
          <Button variant="secondary" disabled={!hydrated} onClick={onEta}>
            <Clock aria-hidden className="size-4" />{" "}
            {ticket.etaAt ? "Change or clear the ETA" : "Set the ETA"}
            <span className="sr-only"> of {label}</span>
          </Button>
        </div>
      )}
    </li>
  );
}

function CallAgain({ due }: { due: NonNullable<Ticket["callAgain"]> }) {
  const { timeZone } = useRoom();
  const now = useRoomNow();
  const gap = due.dueAt.getTime() - now.getTime();
  const day = dayIfNotToday(due.dueAt, now, timeZone);
  const at = `${day ? `${day}, ` : ""}${formatClock(due.dueAt, timeZone)}`;
  const why =
    due.basis === "vendor_eta"
      ? "the vendor's ETA"
      : "an hour since the last contact: chase or escalate";
  if (gap < 0) {
    return (
      <p className="mt-2 flex items-start gap-1.5 rounded-md border border-red-300 bg-red-50 px-2 py-1.5 text-sm font-semibold text-red-900">
        <AlarmClock aria-hidden className="mt-0.5 size-4 shrink-0" />
        <span>
          Call the vendor again: OVERDUE since {at} ({formatGap(gap)} ago){" "}
          <span className="font-normal">— {why}</span>
        </span>
      </p>
    );
  }
  return (
    <p className="mt-2 flex items-start gap-1.5 text-sm font-medium text-slate-800">
      <AlarmClock aria-hidden className="mt-0.5 size-4 shrink-0" />
      <span>
        Call the vendor again at {at} (in {formatGap(gap)}){" "}
        <span className="font-normal text-slate-600">— {why}</span>
      </span>
    </p>
  );
}
