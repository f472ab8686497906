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
import { IconSprite, SpriteIcon } from "@/components/ui/icon-sprite";
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
import "./schedule.css";
import { telHref } from "@/server/domain/phone-number";

/** The icon of each mark, on its button, in the line saying who marked it and on the printed day. */
export const markIcons: Record<AppointmentMarkKind, LucideIcon> = {
  arrived: UserCheck,
  no_show: UserX,
  cancelled: CalendarX2,
  rescheduled: CalendarClock,
};

/** Every icon the day's appointments draw, defined once on the page (render it once, before the list). */
export function AppointmentIconSprite() {
  return (
    <IconSprite
      icons={{
        "schedule-phone": Phone,
        "schedule-language": Languages,
        "schedule-confirmed": MessageSquareText,
        "schedule-entered": CheckCircle2,
        "schedule-undo": Undo2,
        ...Object.fromEntries(
          appointmentMarkKinds.map((kind) => [`schedule-${kind}`, markIcons[kind]]),
        ),
      }}
    />
  );
}

/**
 * One appointment: time, patient (name, birth date to tell namesakes apart, phone, language), visit
 * type and the EHR's status, the front desk's mark, and during an outage the four one-tap marks
 * (pressed state, icon and word: never colour alone) with Undo. Drawn a hundred times on a day: its
 * looks are named classes (schedule.css) and its icons references to the page's sprite.
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
  return (
    <li
      aria-label={`${time} ${name}`}
      className={markKind ? `appointment ${markKind}` : "appointment"}
    >
      <div>
        <p className="time">
          <b>{time}</b>
          <small>{appointment.minutes} min</small>
        </p>
        <div className="details">
          <p className={notExpected(appointment.status) ? "name struck" : "name"}>{name}</p>
          {patient && (
            <p className="facts">
              {patient.birthDate && (
                <span>
                  Born{" "}
                  {/^\d{4}-\d{2}-\d{2}$/.test(patient.birthDate)
                    ? formatDay(patient.birthDate)
                    : patient.birthDate}
                </span>
              )}
              {patient.phone && (
                <a href={telHref(patient.phone)} className="phone">
                  <SpriteIcon id="schedule-phone" />
                  {patient.phone}
                </a>
              )}
              {prefersOtherLanguage(patient.preferredLanguage) && (
                <span className="language">
                  <SpriteIcon id="schedule-language" />
                  Prefers {languageName(patient.preferredLanguage)}
                </span>
              )}
            </p>
          )}
          <p className="kind">
            {[appointment.visitType, ehrStatusLabel(appointment.status)]
              .filter(Boolean)
              .join(" · ")}
          </p>
          {appointment.confirmedByTextAt && (
            <p className="confirmed">
              <SpriteIcon id="schedule-confirmed" />
              Confirmed by text{" "}
              <span className="font-normal">
                {formatShortMoment(appointment.confirmedByTextAt, timeZone)}
              </span>
            </p>
          )}
          {mark && markKind && (
            <p className="marked">
              <SpriteIcon id={`schedule-${markKind}`} />
              Marked {scheduleMarkLabels[markKind].toLowerCase()}{" "}
              <span>
                by {mark.markedByName}, {formatShortMoment(mark.markedAt, timeZone)}
              </span>
              {mark.note && <span>· {mark.note}</span>}
              {mark.enteredAt && (
                <span>
                  · <SpriteIcon id="schedule-entered" /> entered into the EHR
                </span>
              )}
            </p>
          )}
        </div>
        {marking && (
          <div role="group" aria-label={`Mark ${time} ${name}`} className="marks">
            {appointmentMarkKinds.map((kind) => {
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
                >
                  <SpriteIcon id={`schedule-${kind}`} />
                  {scheduleMarkLabels[kind]}
                </button>
              );
            })}
            {mark && !mark.enteredAt && (
              <button type="button" className="undo" disabled={busy} onClick={onUndo}>
                <SpriteIcon id="schedule-undo" /> Undo
              </button>
            )}
          </div>
        )}
      </div>
    </li>
  );
}
