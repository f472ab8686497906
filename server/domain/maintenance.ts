import { TZDate } from "@date-fns/tz";
import ical, { ICalCalendarMethod, ICalEventStatus } from "ical-generator";

/**
 * Planned maintenance windows, pure: local times in a practice's zone (DST-correct), recurrences,
 * which reminder is due, the prep checklist's defaults, and the ICS invitation sent with notices.
 */

/** "YYYY-MM-DDTHH:mm", as a datetime-local input gives it. */
export const LOCAL_MOMENT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

export type LocalMoment = {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
};

export function parseLocal(text: string): LocalMoment | null {
  const match = LOCAL_MOMENT.exec(text);
  if (!match) return null;
  const [year, month, day, hour, minute] = match.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
  ];
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
  if (hour > 23 || minute > 59) return null;
  return { year, month, day, hour, minute };
}

/**
 * The moment a wall-clock time means in a zone. A time the clocks skip (2:30 on the spring-forward
 * night) is refused (`skipped`); a time they pass twice (1:30 on the fall-back night) is the first.
 */
export function zonedInstant(local: LocalMoment, timeZone: string): { at: Date; skipped: boolean } {
  const moment = new TZDate(
    local.year,
    local.month - 1,
    local.day,
    local.hour,
    local.minute,
    0,
    0,
    timeZone,
  );
  const skipped =
    moment.getHours() !== local.hour ||
    moment.getMinutes() !== local.minute ||
    moment.getDate() !== local.day;
  return { at: new Date(moment.getTime()), skipped };
}

/** The wall-clock "YYYY-MM-DDTHH:mm" of a moment in a zone (for the edit form). */
export function localText(at: Date, timeZone: string): string {
  const local = new TZDate(at.getTime(), timeZone);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${local.getFullYear()}-${pad(local.getMonth() + 1)}-${pad(local.getDate())}T${pad(local.getHours())}:${pad(local.getMinutes())}`;
}

export type Recurrence = { every: "week" | "month"; count: number };

/** The local moment `steps` weeks or months later; a month without that day takes its last day. */
export function shiftLocal(local: LocalMoment, every: Recurrence["every"], steps: number) {
  if (every === "week") {
    const d = new Date(Date.UTC(local.year, local.month - 1, local.day + 7 * steps));
    return { ...local, year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
  }
  const monthIndex = local.month - 1 + steps;
  const year = local.year + Math.floor(monthIndex / 12);
  const month = (((monthIndex % 12) + 12) % 12) + 1;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return { ...local, year, month, day: Math.min(local.day, lastDay) };
}

export type Occurrence = { startsAt: Date; endsAt: Date };

export type OccurrencesResult =
  | { ok: true; occurrences: Occurrence[] }
  | { ok: false; field: "startsLocal" | "endsLocal"; message: string };

/**
 * Every occurrence of a window entered in local time: the same wall-clock start and end each week
 * or month, so a window across a DST change keeps its local hours (its length in minutes may change).
 */
export function occurrencesOf(
  startsLocal: string,
  endsLocal: string,
  timeZone: string,
  recurrence: Recurrence | null,
): OccurrencesResult {
  const start = parseLocal(startsLocal);
  if (!start) return { ok: false, field: "startsLocal", message: "Enter the start date and time." };
  const end = parseLocal(endsLocal);
  if (!end) return { ok: false, field: "endsLocal", message: "Enter the end date and time." };
  const count = recurrence ? recurrence.count : 1;
  const occurrences: Occurrence[] = [];
  for (let step = 0; step < count; step++) {
    const s = zonedInstant(step ? shiftLocal(start, recurrence!.every, step) : start, timeZone);
    const e = zonedInstant(step ? shiftLocal(end, recurrence!.every, step) : end, timeZone);
    const which = step ? ` (occurrence ${step + 1})` : "";
    if (s.skipped)
      return {
        ok: false,
        field: "startsLocal",
        message: `The clocks skip this start time on that night${which} (daylight saving time). Choose another time.`,
      };
    if (e.skipped)
      return {
        ok: false,
        field: "endsLocal",
        message: `The clocks skip this end time on that night${which} (daylight saving time). Choose another time.`,
      };
    if (e.at.getTime() <= s.at.getTime())
      return { ok: false, field: "endsLocal", message: "The end must be after the start." };
    if (e.at.getTime() - s.at.getTime() > MAX_WINDOW_MINUTES * 60_000)
      return { ok: false, field: "endsLocal", message: "A window lasts at most 7 days." };
    occurrences.push({ startsAt: s.at, endsAt: e.at });
  }
  return { ok: true, occurrences };
}

export const MAX_WINDOW_MINUTES = 7 * 24 * 60;
export const DEFAULT_REMINDER_MINUTES = [72 * 60, 24 * 60, 60] as const;

/**
 * The reminder to send now, if any: the latest one (fewest minutes before the start) whose moment
 * has come, that was not sent for the current time, and whose moment came after the time was set
 * (a window set for tomorrow gets no "in 72 hours" reminder). One per check, so a worker that was
 * away sends the most useful reminder, not a burst.
 */
export function reminderDue(
  window: {
    startsAt: Date;
    reminderMinutes: readonly number[];
    remindedMinutes: number | null;
    timesSetAt: Date;
  },
  at: Date,
): number | null {
  const due = window.reminderMinutes.filter((minutes) => {
    const moment = window.startsAt.getTime() - minutes * 60_000;
    return (
      moment <= at.getTime() &&
      moment > window.timesSetAt.getTime() &&
      at.getTime() < window.startsAt.getTime() &&
      (window.remindedMinutes === null || minutes < window.remindedMinutes)
    );
  });
  return due.length ? Math.min(...due) : null;
}

/** "72 hours", "1 hour", "30 minutes", "7 days". */
export function minutesInWords(minutes: number): string {
  if (minutes % (24 * 60) === 0 && minutes >= 2 * 24 * 60 && minutes % (7 * 24 * 60) === 0)
    return minutes === 7 * 24 * 60 ? "7 days" : `${minutes / (24 * 60)} days`;
  if (minutes % 60 === 0) return minutes === 60 ? "1 hour" : `${minutes / 60} hours`;
  return minutes === 1 ? "1 minute" : `${minutes} minutes`;
}

export type PrepItemDefault = { label: string; dueMinutesBefore: number };

const WEEK = 7 * 24 * 60;
const DAY = 24 * 60;
const HOUR = 60;

/**
 * The prep checklist of a new window: tell staff 7 days before; the plan's maintenance-prep items
 * the day before (charting and logging out 1 hour before); the packet printed with the schedule.
 */
export function prepChecklist(planItems: readonly string[]): PrepItemDefault[] {
  const items = planItems.map((text) => text.trim()).filter(Boolean);
  const source = items.length
    ? items
    : [
        "Print tomorrow's schedule with patient phone numbers.",
        "Finish pending refill requests.",
        "Clear the EHR to-do list.",
      ];
  const out: PrepItemDefault[] = [
    { label: "Tell staff about the maintenance window.", dueMinutesBefore: WEEK },
  ];
  for (const label of source)
    out.push({
      label,
      dueMinutesBefore: /chart|log (out|off)|sign out/i.test(label) ? HOUR : DAY,
    });
  if (!source.some((label) => /packet/i.test(label)))
    out.push({ label: "Print the downtime packet.", dueMinutesBefore: DAY });
  if (!source.some((label) => /chart/i.test(label)))
    out.push({ label: "Finish charting and log out of the EHR.", dueMinutesBefore: HOUR });
  return out.sort((a, b) => b.dueMinutesBefore - a.dueMinutesBefore);
}

/** When a prep item is due: its minutes before the start, never before the window's time was set. */
export function prepDueAt(startsAt: Date, dueMinutesBefore: number, timesSetAt: Date): Date {
  return new Date(Math.max(startsAt.getTime() - dueMinutesBefore * 60_000, timesSetAt.getTime()));
}

export type MaintenanceInvite = {
  windowId: string;
  sequence: number;
  cancelled: boolean;
  startsAt: Date;
  endsAt: Date;
  summary: string;
  description: string;
  url: string;
  /** When this version of the invitation was made (DTSTAMP). */
  stamp: Date;
  organizer: { name: string; email: string };
};

/**
 * The invitation sent with a window's notices: one UID per window; SEQUENCE rises with each change of
 * time (and with the cancellation), so a calendar replaces the earlier version; a cancellation is
 * METHOD:CANCEL with STATUS:CANCELLED. Times are UTC, which no DST change can move.
 */
export function maintenanceIcs(invite: MaintenanceInvite): string {
  const calendar = ical({
    prodId: { company: "Standby", product: "Maintenance", language: "EN" },
    method: invite.cancelled ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST,
  });
  calendar.createEvent({
    id: `maintenance-${invite.windowId}@standby`,
    sequence: invite.sequence,
    stamp: invite.stamp,
    start: invite.startsAt,
    end: invite.endsAt,
    summary: invite.summary,
    description: invite.description,
    url: invite.url,
    organizer: invite.organizer,
    status: invite.cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
  });
  return calendar.toString();
}
