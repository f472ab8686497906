"use client";

import {
  CalendarClock,
  CalendarX2,
  CheckCircle2,
  Languages,
  MessageSquareText,
  Phone,
  Undo2,
  UserCheck,
  UserX,
  type LucideIcon,
} from "lucide-react";
import { formatClock, formatDay, formatShortMoment } from "@/components/ui/format";
import {
  appointmentMarkKinds,
  scheduleMarkLabels,
  type AppointmentMarkKind,
} from "@/server/contracts/schedule";
import {
  ehrStatusLabel,
  languageName,
  notExpected,
  prefersOtherLanguage,
  type ScheduleAppointment,
} from "./types";

export const markLooks: Record<AppointmentMarkKind, { Icon: LucideIcon; className: string }> = {
  arrived: { Icon: UserCheck, className: "border-emerald-700 bg-emerald-50 text-emerald-900" },
  no_show: { Icon: UserX, className: "border-amber-700 bg-amber-50 text-amber-950" },
  cancelled: { Icon: CalendarX2, className: "border-red-700 bg-red-50 text-red-900" },
  rescheduled: { Icon: CalendarClock, className: "border-sky-700 bg-sky-50 text-sky-900" },
};

/** "tel:" with only what a dialer needs. */
const telHref = (phone: string) => `tel:${phone.replace(/[^0-9+]/g, "")}`;

/**
 * One appointment: time, patient (name, birth date to tell namesakes apart, phone, language), visit
 * type and the EHR's status, the front desk's mark, and during an outage the four one-tap marks
 * (pressed state, icon and word: never colour alone) with Undo.
 */
export function AppointmentCard({
  appointment,
  timeZone,
  marking,
  busy,
  onMark,
  onUndo,
}: {
  appointment: ScheduleAppointment;
  timeZone: string;
  marking: boolean;
  busy: boolean;
  onMark: (kind: AppointmentMarkKind) => void;
  onUndo: () => void;
}) {
  const { patient, mark } = appointment;
  const name = patient?.name ?? "Patient not in the copy";
  const time = formatClock(appointment.startsAt, timeZone);
  const markKind = mark && mark.kind !== "walk_in" ? mark.kind : null;
  const look = markKind ? markLooks[markKind] : null;
  return (
    <li
      aria-label={`${time} ${name}`}
      className={`rounded-md border p-3 ${look ? look.className : "border-slate-200 bg-white"}`}
    >
      <div className="flex flex-wrap items-start gap-x-3 gap-y-2 xl:flex-nowrap">
        <p className="w-16 shrink-0 text-sm">
          <span className="block text-base font-semibold tabular-nums text-slate-900">{time}</span>
          <span className="text-xs text-slate-600">{appointment.minutes} min</span>
        </p>
        <div className="min-w-0 flex-1 basis-48 space-y-0.5 text-sm">
          <p
            className={`font-semibold break-words text-slate-900 ${notExpected(appointment.status) ? "line-through" : ""}`}
          >
            {name}
          </p>
          {patient && (
            <p className="flex flex-wrap items-center gap-x-3 gap-y-0.5 text-slate-700">
              {patient.birthDate && (
                <span>
                  Born{" "}
                  {/^\d{4}-\d{2}-\d{2}$/.test(patient.birthDate)
                    ? formatDay(patient.birthDate)
                    : patient.birthDate}
                </span>
              )}
              {patient.phone && (
                <a
                  href={telHref(patient.phone)}
                  className="inline-flex min-h-8 items-center gap-1 font-medium text-brand-700 underline-offset-2 hover:underline"
                >
                  <Phone aria-hidden className="size-3.5" />
                  {patient.phone}
                </a>
              )}
              {prefersOtherLanguage(patient.preferredLanguage) && (
                <span className="inline-flex items-center gap-1 rounded border border-slate-400 px-1.5 text-xs font-medium text-slate-800">
                  <Languages aria-hidden className="size-3.5" />
                  Prefers {languageName(patient.preferredLanguage)}
                </span>
              )}
            </p>
          )}
          <p className="text-slate-600">
            {[appointment.visitType, ehrStatusLabel(appointment.status)]
              .filter(Boolean)
              .join(" · ")}
          </p>
          {appointment.confirmedByTextAt && (
            <p className="flex flex-wrap items-center gap-1 font-medium text-emerald-900">
              <MessageSquareText aria-hidden className="size-4" />
              Confirmed by text{" "}
              <span className="font-normal">
                {formatShortMoment(appointment.confirmedByTextAt, timeZone)}
              </span>
            </p>
          )}
          {mark && markKind && look && (
            <p className="flex flex-wrap items-center gap-1 font-medium">
              <look.Icon aria-hidden className="size-4" />
              Marked {scheduleMarkLabels[markKind].toLowerCase()}{" "}
              <span className="font-normal">
                by {mark.markedByName}, {formatShortMoment(mark.markedAt, timeZone)}
              </span>
              {mark.note && <span className="font-normal">· {mark.note}</span>}
              {mark.enteredAt && (
                <span className="inline-flex items-center gap-1 font-normal">
                  · <CheckCircle2 aria-hidden className="size-3.5" /> entered into the EHR
                </span>
              )}
            </p>
          )}
        </div>
        {marking && (
          <div
            role="group"
            aria-label={`Mark ${time} ${name}`}
            className="flex w-full flex-wrap gap-1.5 sm:pl-[4.75rem] xl:w-auto xl:shrink-0 xl:flex-nowrap xl:justify-end xl:pl-0"
          >
            {appointmentMarkKinds.map((kind) => {
              const { Icon } = markLooks[kind];
              const pressed = markKind === kind;
              return (
                <button
                  key={kind}
                  type="button"
                  aria-pressed={pressed}
                  disabled={busy || Boolean(mark?.enteredAt)}
                  onClick={() => {
                    if (!pressed) onMark(kind);
                  }}
                  className={`inline-flex min-h-10 items-center gap-1.5 rounded-md border px-3 text-sm font-medium disabled:cursor-not-allowed disabled:opacity-60 ${
                    pressed
                      ? "border-slate-900 bg-slate-900 text-white"
                      : "border-slate-300 bg-white text-slate-800 hover:bg-slate-100"
                  }`}
                >
                  <Icon aria-hidden className="size-4" />
                  {scheduleMarkLabels[kind]}
                </button>
              );
            })}
            {mark && !mark.enteredAt && (
              <button
                type="button"
                disabled={busy}
                onClick={onUndo}
                className="inline-flex min-h-10 items-center gap-1.5 rounded-md px-3 text-sm font-medium text-slate-700 underline-offset-2 hover:bg-slate-100 hover:underline disabled:opacity-60"
              >
                <Undo2 aria-hidden className="size-4" /> Undo
              </button>
            )}
          </div>
        )}
      </div>
    </li>
  );
}
