import type { inferRouterOutputs } from "@trpc/server";
import { dateTimeFormat } from "@/server/domain/intl-formats";
import type { AppRouter } from "@/server/routers/_app";

type Outputs = inferRouterOutputs<AppRouter>;

export type ScheduleDayView = Outputs["schedule"]["day"];
export type ScheduleAppointment =
  ScheduleDayView["sites"][number]["providers"][number]["appointments"][number];
export type AppointmentMark = NonNullable<ScheduleAppointment["mark"]>;
export type WalkIn = ScheduleDayView["walkIns"][number];
export type IncidentMark = Outputs["schedule"]["reconciliationMarks"]["marks"][number];

/**
 * The day's input, built one way by the page (which reads it on the server) and by the browser
 * (which finds it in the hydrated cache under the same key): every read of it is audited, so the
 * browser must not read it again only because the key differs.
 */
export function scheduleDayInput(practiceId: string, date: string, incidentId?: string | null) {
  return incidentId ? { practiceId, date, incidentId } : { practiceId, date };
}

/** The practice's schedule page, for a day (and an outage, when several are open). */
export function schedulePath(practiceId: string, date?: string, incidentId?: string | null) {
  const query = new URLSearchParams();
  if (date) query.set("date", date);
  if (incidentId) query.set("incident", incidentId);
  const search = query.toString();
  return `/practices/${practiceId}/schedule${search ? `?${search}` : ""}`;
}

export function schedulePrintPath(practiceId: string, date?: string) {
  return `/print/practices/${practiceId}/schedule${date ? `?date=${date}` : ""}`;
}

/** "Tuesday, December 8, 2026": a calendar day, whatever the viewer's zone. */
export function formatLongDay(date: string): string {
  return dateTimeFormat("en-US", {
    timeZone: "UTC",
    weekday: "long",
    year: "numeric",
    month: "long",
    day: "numeric",
  }).format(new Date(`${date}T00:00:00Z`));
}

/** "Tue, Dec 8": a short calendar day for the day picker. */
export function formatShortDay(date: string): string {
  return dateTimeFormat("en-US", {
    timeZone: "UTC",
    weekday: "short",
    month: "short",
    day: "numeric",
  }).format(new Date(`${date}T00:00:00Z`));
}

let languageNames: Intl.DisplayNames | undefined;

/** "es" → "Spanish"; an unknown code is shown as it is. */
export function languageName(code: string): string {
  try {
    languageNames ??= new Intl.DisplayNames(["en"], { type: "language" });
    return languageNames.of(code) ?? code;
  } catch {
    return code;
  }
}

/** Whether a patient's preferred language is worth pointing out at an English-speaking desk. */
export const prefersOtherLanguage = (code: string | null): code is string =>
  code !== null && code !== "" && !/^en(-|$)/i.test(code);

/** The EHR's appointment status (FHIR's words), as the front desk reads it. */
export function ehrStatusLabel(status: string): string {
  switch (status) {
    case "booked":
      return "Booked";
    case "arrived":
    case "checked-in":
      return "Checked in (EHR)";
    case "fulfilled":
      return "Seen (EHR)";
    case "cancelled":
      return "Cancelled in the EHR";
    case "noshow":
      return "No-show in the EHR";
    case "proposed":
    case "pending":
      return "Pending";
    case "waitlist":
      return "Waitlist";
    case "entered-in-error":
      return "Entered in error";
    default:
      return status;
  }
}

/** Statuses that mean the patient is not expected: shown crossed out, with the word. */
export const notExpected = (status: string) =>
  status === "cancelled" || status === "noshow" || status === "entered-in-error";
