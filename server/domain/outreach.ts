/**
 * Patient outreach: pure rules for who gets a message and when — the appointments a selection
 * names, a patient's address and language, quiet hours in the practice's time zone, the pace of
 * sending, and how a provider's delivery reports move a message's status (never backwards).
 */
import { TZDate } from "@date-fns/tz";
import {
  outreachLanguages,
  type OutreachKind,
  type OutreachLanguage,
} from "@/server/contracts/outreach-kinds";
import { dateTimeFormat } from "./intl-formats";
import { localDate } from "./local-date";
import { dayBounds, momentOfDay, shiftDay } from "./schedule-day";
import { normalisePhone } from "./phone-number";

// ---------------------------------------------------------------------------------------------
// Addresses

/**
 * A phone number as an SMS provider takes it (E.164, "+15551234567"), or null when it cannot take a
 * text: the copy keeps numbers as the EHR gave them ("(608) 555-0123", "6085550123", "+44 20 …").
 * Ten digits, or eleven starting with 1, are North American numbers (the practices Standby serves);
 * any other number needs its country code.
 */
export function smsNumber(phone: string | null | undefined): string | null {
  return phone ? normalisePhone(phone) : null;
}

/** An email address as it is matched (opt-outs, replies): trimmed, lower case; null when it is none. */
export function emailAddress(email: string | null | undefined): string | null {
  const text = email?.trim().toLowerCase() ?? "";
  return /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/.test(text) && text.length <= 254 ? text : null;
}

/** The last four digits, for a screen that confirms who is written to without showing the number. */
export function maskedAddress(channel: "sms" | "email", address: string): string {
  if (channel === "sms") return `••• ${address.slice(-4)}`;
  const [local = "", domain = ""] = address.split("@");
  return `${local.slice(0, 1)}•••@${domain}`;
}

/**
 * The name a message greets: the first given name. Reports write "Last, First Middle" or "First
 * Last"; a name of one word is that word.
 */
export function firstNameOf(fullName: string): string {
  const trimmed = fullName.trim();
  const given = trimmed.includes(",") ? trimmed.slice(trimmed.indexOf(",") + 1) : trimmed;
  return given.trim().split(/\s+/)[0] || trimmed.split(/[\s,]+/)[0] || "";
}

/** The patient's preferred language when Standby has messages in it ("es-MX" → "es"), English otherwise. */
export function outreachLanguageOf(preferred: string | null | undefined): OutreachLanguage {
  const base = (preferred ?? "").trim().toLowerCase().split(/[-_]/)[0];
  return (outreachLanguages as readonly string[]).includes(base ?? "")
    ? (base as OutreachLanguage)
    : "en";
}

const dateTimeLocales: Record<OutreachLanguage, string> = { en: "en-US", es: "es-US" };

/** The appointment's day and time as the patient reads it, on the practice's clock: "Tue, Dec 8, 2:30 PM". */
export function appointmentDateTime(
  startsAt: Date,
  timeZone: string,
  language: OutreachLanguage,
): string {
  return dateTimeFormat(dateTimeLocales[language], {
    timeZone,
    weekday: "short",
    month: "short",
    day: "numeric",
    hour: "numeric",
    minute: "2-digit",
  }).format(startsAt);
}

// ---------------------------------------------------------------------------------------------
// Selection

export type OutreachSelection = {
  day: "today" | "tomorrow" | string;
  from?: string;
  to?: string;
  remainingOnly?: boolean;
  providers?: string[];
  sites?: string[];
  visitTypes?: string[];
};

/** The calendar day a selection names, on the practice's calendar. */
export function selectedDate(day: OutreachSelection["day"], now: Date, timeZone: string): string {
  const today = localDate(now, timeZone);
  if (day === "today") return today;
  if (day === "tomorrow") return shiftDay(today, 1);
  return day;
}

/**
 * The moments a selection covers: its day, narrowed to its time range (local "HH:MM", the end
 * excluded), and for today's remaining appointments from `now` on. Empty when `to` is not after `from`.
 */
export function selectionWindow(
  selection: OutreachSelection,
  now: Date,
  timeZone: string,
): { date: string; from: Date; to: Date } {
  const date = selectedDate(selection.day, now, timeZone);
  const day = dayBounds(date, timeZone);
  let from = selection.from ? momentOfDay(date, selection.from, timeZone) : day.from;
  let to = selection.to ? momentOfDay(date, selection.to, timeZone) : day.to;
  if (from < day.from) from = day.from;
  if (to > day.to) to = day.to;
  if (selection.remainingOnly && from < now) from = now;
  if (to < from) to = from;
  return { date, from, to };
}

/** Whether a text matches one of the chosen values (none chosen: everything matches), ignoring case and spaces around. */
export function chosen(value: string, choices: readonly string[] | undefined): boolean {
  if (!choices || choices.length === 0) return true;
  const key = value.trim().toLocaleLowerCase("en");
  return choices.some((choice) => choice.trim().toLocaleLowerCase("en") === key);
}

// ---------------------------------------------------------------------------------------------
// Who is skipped

export const skipReasons = [
  "removed",
  "cancelled",
  "arrived",
  "passed",
  "no_patient",
  "no_address",
  "opted_out",
  "already",
] as const;
export type SkipReason = (typeof skipReasons)[number];

export const skipReasonLabels: Record<SkipReason, string> = {
  removed: "Appointment deleted in the EHR",
  cancelled: "Appointment cancelled",
  arrived: "Patient already arrived",
  passed: "Appointment time has passed",
  no_patient: "No patient on this appointment",
  no_address: "No mobile number or email",
  opted_out: "Opted out (texted STOP)",
  already: "Already sent this message",
};

/** EHR statuses that mean the visit will not happen. */
const goneStatuses = new Set(["cancelled", "noshow", "entered-in-error"]);

export type AppointmentFacts = {
  removed: boolean;
  status: string;
  /** The front desk's mark during the outage (continuity schedule), if any. */
  mark: string | null;
  /** A Date, or its epoch milliseconds. */
  startsAt: Date | number;
  hasPatient: boolean;
};

/**
 * Why an appointment gets no message of this kind (before its patient's address is looked at), or
 * null. A cancellation confirmation is what a cancelled appointment does get.
 */
export function appointmentSkip(
  appointment: AppointmentFacts,
  kind: OutreachKind,
  now: Date,
): SkipReason | null {
  if (appointment.removed) return "removed";
  const cancelled =
    goneStatuses.has(appointment.status) ||
    appointment.mark === "cancelled" ||
    appointment.mark === "rescheduled" ||
    appointment.mark === "no_show";
  if (cancelled && kind !== "cancellation") return "cancelled";
  if (appointment.mark === "arrived" || appointment.status === "arrived") return "arrived";
  if (
    Number(appointment.startsAt) < now.getTime() &&
    kind !== "cancellation" &&
    kind !== "systems_back"
  )
    return "passed";
  if (!appointment.hasPatient) return "no_patient";
  return null;
}

// ---------------------------------------------------------------------------------------------
// Quiet hours

const minutesOf = (time: string) => {
  const [hours, minutes] = time.split(":").map(Number) as [number, number];
  return hours * 60 + minutes;
};

/**
 * When quiet hours (local "21:00" to "08:00", across midnight or not) hold a message at `at`: the
 * moment they end, in the practice's time zone (a day across a change of clocks is 23 or 25 hours);
 * null when `at` is outside them. Equal start and end: no quiet hours.
 */
export function quietHoursEnd(
  at: Date,
  timeZone: string,
  quiet: { start: string; end: string },
): Date | null {
  const start = minutesOf(quiet.start);
  const end = minutesOf(quiet.end);
  if (start === end) return null;
  const local = new TZDate(at.getTime(), timeZone);
  const minute = local.getHours() * 60 + local.getMinutes();
  const inside = start < end ? minute >= start && minute < end : minute >= start || minute < end;
  if (!inside) return null;
  const today = localDate(at, timeZone);
  // Before midnight in a window across it: quiet hours end tomorrow.
  const endDay = start > end && minute >= start ? shiftDay(today, 1) : today;
  return momentOfDay(endDay, quiet.end, timeZone);
}

/** "08:00" as it shows on the practice's clock, for "held until 08:00" (with the day when it is not today). */
export function heldUntilWords(until: Date, now: Date, timeZone: string): string {
  const time = dateTimeFormat("en-US", {
    timeZone,
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).format(until);
  if (localDate(until, timeZone) === localDate(now, timeZone)) return time;
  const day = dateTimeFormat("en-US", { timeZone, weekday: "short" }).format(until);
  return `${day} ${time}`;
}

// ---------------------------------------------------------------------------------------------
// Pace

export const PACE_WINDOW_MS = 60_000;
/** Without a limit, this many messages are taken at once by one worker. */
export const UNPACED_BATCH = 25;

/**
 * How many messages a worker may take now for a practice sending at `perMinute` (0: no limit), given
 * those begun in the last minute (across every worker), and when to look again when none. Messages
 * go in small batches (about five seconds' worth), so a minute's allowance is spread over the minute.
 */
export function paceAllowance(
  perMinute: number,
  recent: { count: number; oldest: Date | null },
  now: Date,
): { take: number; nextAt: Date | null } {
  if (perMinute === 0) return { take: UNPACED_BATCH, nextAt: null };
  const batch = Math.max(1, Math.ceil(perMinute / 12));
  const left = perMinute - recent.count;
  if (left > 0) return { take: Math.min(batch, left), nextAt: null };
  const oldest = recent.oldest ?? now;
  return { take: 0, nextAt: new Date(oldest.getTime() + PACE_WINDOW_MS) };
}

/** The pause after a batch of `taken` at `perMinute`, so batches spread evenly over the minute. */
export function paceInterval(perMinute: number, taken: number): number {
  return perMinute === 0 ? 0 : Math.round((taken * PACE_WINDOW_MS) / perMinute);
}

// ---------------------------------------------------------------------------------------------
// Statuses

export const messageStatuses = [
  "queued",
  "held",
  "sending",
  "sent",
  "delivered",
  "undeliverable",
  "failed",
  "outbox",
  "stopped",
  "withheld",
] as const;
export type MessageStatus = (typeof messageStatuses)[number];

/** Statuses a worker still acts on. */
export const waitingStatuses = ["queued", "held", "sending"] as const satisfies MessageStatus[];

/**
 * The message's status a provider's report (Twilio's MessageStatus) means, or null for one that
 * changes nothing (a reply's statuses, "read" aside).
 */
export function statusFromProvider(reported: string): MessageStatus | null {
  switch (reported.trim().toLowerCase()) {
    case "accepted":
    case "scheduled":
    case "queued":
    case "sending":
    case "sent":
      return "sent";
    case "delivered":
    case "read":
      return "delivered";
    case "undelivered":
      return "undeliverable";
    case "failed":
      return "failed";
    default:
      return null;
  }
}

const progress: Partial<Record<MessageStatus, number>> = {
  sending: 0,
  sent: 1,
  delivered: 2,
  undeliverable: 2,
  failed: 2,
};

/**
 * Whether a provider's report moves a message forward: reports arrive out of order and more than
 * once, so a late "sent" never undoes "delivered", and the first final word (delivered,
 * undeliverable, failed) stays. Messages not handed to the provider are not changed by it.
 */
export function advancesStatus(current: MessageStatus, reported: MessageStatus): boolean {
  const from = progress[current];
  const to = progress[reported];
  if (from === undefined || to === undefined) return false;
  return to > from;
}

/** A campaign's counts from its messages' statuses (disjoint: waiting is what is left). */
export function campaignCounts(statuses: Partial<Record<MessageStatus, number>>) {
  const count = (status: MessageStatus) => statuses[status] ?? 0;
  const recipients = messageStatuses.reduce((sum, status) => sum + count(status), 0);
  return {
    recipients,
    waiting: count("queued") + count("held") + count("sending"),
    sent: count("sent"),
    delivered: count("delivered"),
    failed: count("failed") + count("undeliverable"),
    outbox: count("outbox"),
    stopped: count("stopped"),
    withheld: count("withheld"),
  };
}

/**
 * A provider's error in words fit to keep: its code and message without any phone number or
 * address it quotes (the patient's number is not repeated into error columns or logs).
 */
export function scrubbedProviderError(text: string): string {
  return text
    .replace(/\+?\d[\d\s().-]{5,}\d/g, (found) =>
      found.replace(/\D/g, "").length >= 7 ? "[number]" : found,
    )
    .replace(/[^\s@<>"']+@[^\s@<>"']+/g, "[address]")
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, 300);
}
