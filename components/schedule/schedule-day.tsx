"use client";

import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import {
  CalendarOff,
  CalendarPlus,
  MapPin,
  MessageSquareText,
  Printer,
  RefreshCw,
  Siren,
  Stethoscope,
  UserPlus,
} from "lucide-react";
import { useState } from "react";
import { toast } from "sonner";
import { callProblem } from "@/components/trpc/call-problem";
import { useTRPC } from "@/components/trpc/client";
import { outreachPath } from "@/components/outreach/types";
import { Button, ButtonLink, buttonClass } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { formatClock, formatShortMoment } from "@/components/ui/format";
import Link from "@/components/ui/link";
import { useHydrated } from "@/components/ui/use-hydrated";
import type { AppointmentMarkKind } from "@/server/contracts/schedule";
import { AppointmentCard, AppointmentIconSprite } from "./appointment-card";
import { CopyAge } from "./copy-age";
import { DayPicker } from "./day-picker";
import {
  formatLongDay,
  scheduleDayInput,
  schedulePath,
  schedulePrintPath,
  type ScheduleAppointment,
  type ScheduleDayView,
} from "./types";
import { WalkInDialog, type AddedWalkIn } from "./walk-in-dialog";

/**
 * The continuity schedule of one day: the copy's age, a day picker, the open outage (if any), the
 * walk-ins, and the appointments per site and provider. During an outage each appointment takes one
 * tap to mark; the page changes at once and confirms with the server's answer. Every read of the day
 * is audited, so it is read again only when someone asks (Refresh) or after a conflict.
 */
export function ScheduleDay({
  practiceId,
  date,
  today,
  incidentId,
  canMark,
  userName,
}: {
  practiceId: string;
  date: string;
  today: string;
  incidentId: string | null;
  canMark: boolean;
  userName: string;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const hydrated = useHydrated();
  const input = scheduleDayInput(practiceId, date, incidentId);
  const queryKey = trpc.schedule.day.queryKey(input);
  const day = useSuspenseQuery({
    ...trpc.schedule.day.queryOptions(input),
    staleTime: Infinity,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
  });
  const view = day.data;
  const timeZone = view.practice.timezone;
  const outage = view.outage;
  const marking = canMark && outage !== null;
  const [addingWalkIn, setAddingWalkIn] = useState(false);
  const [pending, setPending] = useState<Record<string, boolean>>({});
  const markMutation = useMutation(trpc.schedule.mark.mutationOptions());
  const clearMutation = useMutation(trpc.schedule.clearMark.mutationOptions());

  const update = (change: (current: ScheduleDayView) => ScheduleDayView) =>
    queryClient.setQueryData(queryKey, (current: ScheduleDayView | undefined) =>
      current ? change(current) : current,
    );
  const setMark = (appointmentId: string, mark: ScheduleAppointment["mark"]) =>
    update((current) => ({
      ...current,
      sites: current.sites.map((site) => ({
        ...site,
        providers: site.providers.map((provider) => ({
          ...provider,
          appointments: provider.appointments.map((appointment) =>
            appointment.id === appointmentId ? { ...appointment, mark } : appointment,
          ),
        })),
      })),
    }));

  /** Someone else changed it: say so, and read the day again to show their change. */
  function refused(error: unknown) {
    const problem = callProblem(error);
    toast.error(problem.message);
    if (problem.code === "CONFLICT") void queryClient.invalidateQueries({ queryKey });
  }

  async function mark(appointment: ScheduleAppointment, kind: AppointmentMarkKind) {
    if (!outage || pending[appointment.id]) return;
    const before = appointment.mark;
    setPending((current) => ({ ...current, [appointment.id]: true }));
    // Shown at once; the server's answer confirms it (or the old mark comes back).
    setMark(appointment.id, {
      id: before?.id ?? "pending",
      kind,
      note: before?.note ?? "",
      markedByName: userName,
      markedAt: new Date(),
      enteredAt: null,
      version: before?.version ?? 0,
    });
    try {
      const saved = await markMutation.mutateAsync({
        practiceId,
        incidentId: outage.id,
        appointmentId: appointment.id,
        kind,
        ...(before ? { version: before.version, note: before.note } : {}),
      });
      setMark(appointment.id, {
        id: saved.id,
        kind: saved.kind,
        note: before?.note ?? "",
        markedByName: userName,
        markedAt: new Date(),
        enteredAt: null,
        version: saved.version,
      });
    } catch (error) {
      setMark(appointment.id, before);
      refused(error);
    } finally {
      setPending(({ [appointment.id]: _done, ...rest }) => rest);
    }
  }

  async function undo(appointment: ScheduleAppointment) {
    const before = appointment.mark;
    if (!outage || !before || pending[appointment.id]) return;
    setPending((current) => ({ ...current, [appointment.id]: true }));
    setMark(appointment.id, null);
    try {
      await clearMutation.mutateAsync({
        practiceId,
        incidentId: outage.id,
        markId: before.id,
        version: before.version,
      });
    } catch (error) {
      setMark(appointment.id, before);
      refused(error);
    } finally {
      setPending(({ [appointment.id]: _done, ...rest }) => rest);
    }
  }

  async function undoWalkIn(walkIn: ScheduleDayView["walkIns"][number]) {
    if (!outage || pending[walkIn.id]) return;
    setPending((current) => ({ ...current, [walkIn.id]: true }));
    try {
      await clearMutation.mutateAsync({
        practiceId,
        incidentId: outage.id,
        markId: walkIn.id,
        version: walkIn.version,
      });
      update((current) => ({
        ...current,
        walkIns: current.walkIns.filter((other) => other.id !== walkIn.id),
      }));
      toast.success(`Walk-in removed: ${walkIn.name}`);
    } catch (error) {
      refused(error);
    } finally {
      setPending(({ [walkIn.id]: _done, ...rest }) => rest);
    }
  }

  function walkInAdded(added: AddedWalkIn) {
    update((current) => ({
      ...current,
      walkIns: [
        ...current.walkIns.filter((other) => other.id !== added.id),
        {
          id: added.id,
          at: added.walkInAt,
          providerName: added.values.providerName,
          name: added.values.name,
          phone: added.values.phone || null,
          note: added.values.note,
          markedByName: userName,
          markedAt: new Date(),
          enteredAt: null,
          version: added.version,
        },
      ].sort((a, b) => a.at.getTime() - b.at.getTime()),
    }));
  }

  const providers = [
    ...new Set(view.sites.flatMap((site) => site.providers.map((provider) => provider.provider))),
  ];

  return (
    <div className="space-y-5">
      {view.connection ? (
        <CopyAge connection={view.connection} now={view.now} timeZone={timeZone} />
      ) : null}
      <DayPicker
        practiceId={practiceId}
        date={date}
        today={today}
        incidentId={incidentId}
        days={view.days}
      />
      {outage ? (
        <OutageBar view={view} practiceId={practiceId} date={date} canMark={canMark} />
      ) : (
        canMark &&
        view.connection && (
          <p className="text-sm text-slate-600">
            Arrivals, no-shows, cancellations, reschedules and walk-ins are marked here during a
            declared outage, and become lines of its recovery reconciliation.
          </p>
        )
      )}

      {!view.connection ? (
        <EmptyState icon={CalendarOff} title="No schedule copy yet">
          <p>
            Connect the EHR or upload the day&apos;s schedule report on the practice&apos;s{" "}
            <Link href={view.settingsPath} className="font-medium text-brand-700 underline">
              Schedule settings
            </Link>
            . Standby then keeps a copy of the coming days, so the front desk still has the schedule
            and the patients&apos; phone numbers when the EHR is down.
          </p>
        </EmptyState>
      ) : (
        <section aria-labelledby="day-heading" className="space-y-4">
          <div className="flex flex-wrap items-center justify-between gap-2">
            <h2 id="day-heading" className="text-lg font-semibold text-slate-900">
              {formatLongDay(date)}
              <span className="ml-2 text-sm font-normal text-slate-600">
                {view.appointmentCount} appointment{view.appointmentCount === 1 ? "" : "s"}
              </span>
            </h2>
            <div className="flex flex-wrap gap-2">
              <Button
                variant="ghost"
                disabled={!hydrated || day.isFetching}
                onClick={() => void day.refetch()}
              >
                <RefreshCw
                  aria-hidden
                  className={`size-4 ${day.isFetching ? "animate-spin" : ""}`}
                />
                {day.isFetching ? "Refreshing…" : "Refresh"}
              </Button>
              {canMark && (
                <ButtonLink
                  variant="secondary"
                  prefetch={false}
                  href={outreachPath(practiceId, outage?.id)}
                >
                  <MessageSquareText aria-hidden className="size-4" /> Patient messages
                </ButtonLink>
              )}
              {/* A plain link: opening the print page is a read of the day, audited as a print. */}
              <a className={buttonClass("secondary")} href={schedulePrintPath(practiceId, date)}>
                <Printer aria-hidden className="size-4" /> Print this day
              </a>
              {marking && (
                <Button disabled={!hydrated} onClick={() => setAddingWalkIn(true)}>
                  <UserPlus aria-hidden className="size-4" /> Add walk-in
                </Button>
              )}
            </div>
          </div>

          {(marking || view.walkIns.length > 0) && (
            <section aria-labelledby="walk-ins-heading" className="space-y-2">
              <h3 id="walk-ins-heading" className="flex items-center gap-2 font-semibold">
                <CalendarPlus aria-hidden className="size-4" /> Walk-ins during this outage
              </h3>
              {view.walkIns.length === 0 ? (
                <p className="text-sm text-slate-600">None yet.</p>
              ) : (
                <ul className="space-y-2">
                  {view.walkIns.map((walkIn) => (
                    <li
                      key={walkIn.id}
                      aria-label={`Walk-in: ${walkIn.name}`}
                      className="flex flex-wrap items-start justify-between gap-2 rounded-md border border-violet-300 bg-violet-50 px-3 py-2"
                    >
                      <div className="min-w-0 text-sm">
                        <p className="font-semibold text-slate-900">
                          <span className="tabular-nums">{formatClock(walkIn.at, timeZone)}</span> ·{" "}
                          {walkIn.name}
                        </p>
                        <p className="text-slate-700">
                          Walk-in · {walkIn.providerName}
                          {walkIn.phone ? ` · ${walkIn.phone}` : ""}
                          {walkIn.note ? ` · ${walkIn.note}` : ""}
                        </p>
                        <p className="text-xs text-slate-600">
                          Added by {walkIn.markedByName},{" "}
                          {formatShortMoment(walkIn.markedAt, timeZone)}
                          {walkIn.enteredAt ? " · entered into the EHR" : ""}
                        </p>
                      </div>
                      {marking && !walkIn.enteredAt && (
                        <Button
                          variant="ghost"
                          disabled={!hydrated || pending[walkIn.id]}
                          onClick={() => void undoWalkIn(walkIn)}
                        >
                          Undo
                        </Button>
                      )}
                    </li>
                  ))}
                </ul>
              )}
            </section>
          )}

          {view.sites.length === 0 ? (
            <EmptyState icon={CalendarOff} title="No appointments this day">
              <p>
                The copy has no appointments on {formatLongDay(date)}.
                {view.days.length > 0
                  ? " Pick one of the days it holds above."
                  : " It holds no days yet."}
              </p>
            </EmptyState>
          ) : (
            <>
              <AppointmentIconSprite />
              {view.sites.map((site) => (
                <section
                  key={site.site}
                  aria-label={site.site}
                  className="space-y-3 rounded-lg border border-slate-200 bg-white p-3 sm:p-4"
                >
                  <h3 className="flex items-center gap-2 text-base font-semibold text-slate-900">
                    <MapPin aria-hidden className="size-4" /> {site.site}
                  </h3>
                  {site.providers.map((provider) => (
                    <section
                      key={provider.provider}
                      aria-label={`${provider.provider} at ${site.site}`}
                      className="space-y-2"
                    >
                      <h4 className="flex items-center gap-2 text-sm font-semibold text-slate-800">
                        <Stethoscope aria-hidden className="size-4" /> {provider.provider}
                        <span className="font-normal text-slate-600">
                          · {provider.appointments.length} appointment
                          {provider.appointments.length === 1 ? "" : "s"}
                        </span>
                      </h4>
                      <ul className="space-y-2">
                        {provider.appointments.map((appointment) => (
                          <AppointmentCard
                            key={appointment.id}
                            appointment={appointment}
                            timeZone={timeZone}
                            marking={marking}
                            busy={!hydrated || Boolean(pending[appointment.id])}
                            onMark={(kind) => void mark(appointment, kind)}
                            onUndo={() => void undo(appointment)}
                          />
                        ))}
                      </ul>
                    </section>
                  ))}
                </section>
              ))}
            </>
          )}
        </section>
      )}

      {marking && outage && (
        <WalkInDialog
          open={addingWalkIn}
          onClose={() => setAddingWalkIn(false)}
          practiceId={practiceId}
          incidentId={outage.id}
          date={date}
          timeZone={timeZone}
          providers={providers}
          onAdded={walkInAdded}
        />
      )}
    </div>
  );
}

/** The open outage the marks go to; when several are open, a choice between them. */
function OutageBar({
  view,
  practiceId,
  date,
  canMark,
}: {
  view: ScheduleDayView;
  practiceId: string;
  date: string;
  canMark: boolean;
}) {
  const outage = view.outage!;
  return (
    <div
      role="status"
      className="space-y-1 rounded-md border-2 border-red-700 bg-red-50 px-3 py-2 text-sm text-red-950"
    >
      <p className="flex flex-wrap items-center gap-x-2 gap-y-1">
        <Siren aria-hidden className="size-4 shrink-0" />
        <strong className="font-semibold">Outage in progress:</strong>
        <Link
          href={`/practices/${practiceId}/incidents/${outage.id}`}
          className="font-medium underline underline-offset-2"
        >
          {outage.title}
        </Link>
        <span>since {formatShortMoment(outage.startedAt, view.practice.timezone)}</span>
      </p>
      {canMark && (
        <p>
          Tap Arrived, No-show, Cancelled or Rescheduled on each appointment, and add walk-ins: they
          become lines of this incident&apos;s recovery reconciliation, to enter into the EHR when
          it is back.
        </p>
      )}
      {view.outages.length > 1 && (
        <p className="flex flex-wrap items-center gap-2">
          <span>{view.outages.length} outages are open. Marks go to:</span>
          {view.outages.map((open) => (
            <Link
              key={open.id}
              prefetch={false}
              href={schedulePath(practiceId, date, open.id)}
              aria-current={open.id === outage.id ? "true" : undefined}
              className={`rounded-full border px-2 py-0.5 ${
                open.id === outage.id
                  ? "border-red-800 bg-white font-semibold underline"
                  : "border-red-300 hover:bg-white"
              }`}
            >
              {open.title}
            </Link>
          ))}
        </p>
      )}
    </div>
  );
}
