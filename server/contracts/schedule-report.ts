import { z } from "zod";

/**
 * The CSV fallback of the schedule copy: an EHR's daily schedule report, uploaded, and the mapping
 * of its columns (remembered per practice). Shared by the upload form (client) and the service
 * (server); reading the report itself is server/domain/schedule-csv.
 */

/** What a report's columns can mean. One column per field; a header may serve one field only. */
export const scheduleReportFields = [
  "date",
  "time",
  "dateTime",
  "minutes",
  "endTime",
  "patientName",
  "firstName",
  "lastName",
  "birthDate",
  "phone",
  "secondPhone",
  "email",
  "preferredLanguage",
  "provider",
  "location",
  "visitType",
  "status",
  "patientId",
  "appointmentId",
] as const;
export type ScheduleReportField = (typeof scheduleReportFields)[number];

export const scheduleReportFieldLabels: Record<ScheduleReportField, string> = {
  date: "Appointment date",
  time: "Start time",
  dateTime: "Appointment date and time (one column)",
  minutes: "Duration (minutes)",
  endTime: "End time",
  patientName: "Patient name (one column)",
  firstName: "Patient first name",
  lastName: "Patient last name",
  birthDate: "Date of birth",
  phone: "Phone",
  secondPhone: "Other phone (read when the phone is empty)",
  email: "Email",
  preferredLanguage: "Preferred language",
  provider: "Provider",
  location: "Location / site",
  visitType: "Visit type",
  status: "Status",
  patientId: "Patient ID / MRN",
  appointmentId: "Appointment ID",
};

/** The limits of one upload: size and cost, each refused with a message naming it. */
export const SCHEDULE_REPORT_MAX_BYTES = 2 * 1024 * 1024;
export const SCHEDULE_REPORT_MAX_ROWS = 5_000;
export const SCHEDULE_REPORT_MAX_CELL = 500;
/**
 * How far from the practice's today a report's dates may lie. The snapshot replaces the copy for
 * every day from the report's first date to its last, so a mistyped year must not stretch it.
 */
export const SCHEDULE_REPORT_DAYS_BEFORE_TODAY = 31;
export const SCHEDULE_REPORT_DAYS_AFTER_TODAY = 92;
/** A header row may sit below a title block ("Daily Schedule", "Printed …"): looked for in this many first lines. */
export const SCHEDULE_REPORT_HEADER_SEARCH_LINES = 10;

const headerName = z
  .string()
  .trim()
  .min(1, "Choose a column, or leave the field unmapped.")
  .max(200, "Column names are at most 200 characters.");

/**
 * Which header of the report holds each field: `{ field: "Header as in the file" }`. Headers are
 * matched without regard to case or repeated spaces. Required: the appointment's date and time (two
 * columns, or one with both), the patient's name (one column, or first and last) and the provider.
 */
export const scheduleReportMappingSchema = z
  .strictObject(
    Object.fromEntries(scheduleReportFields.map((field) => [field, headerName.optional()])) as {
      [field in ScheduleReportField]: z.ZodOptional<typeof headerName>;
    },
    {
      error: (issue) =>
        issue.code === "unrecognized_keys"
          ? "Unknown field in the column mapping."
          : "Send the column mapping as fields and column names.",
    },
  )
  .superRefine((mapping, ctx) => {
    const problem = (message: string, field: ScheduleReportField) =>
      ctx.addIssue({ code: "custom", message, path: [field] });
    if (mapping.dateTime) {
      if (mapping.date || mapping.time)
        problem(
          "Map either one date-and-time column, or a date column and a time column, not both.",
          "dateTime",
        );
    } else {
      if (!mapping.date) problem("Choose the column with the appointment's date.", "date");
      if (!mapping.time)
        problem(
          "Choose the column with the appointment's start time (or one column with date and time).",
          "time",
        );
    }
    if (mapping.patientName) {
      if (mapping.firstName || mapping.lastName)
        problem(
          "Map either one patient-name column, or first and last name columns, not both.",
          "patientName",
        );
    } else if (!mapping.firstName || !mapping.lastName)
      problem(
        "Choose the column with the patient's name (or both the first- and last-name columns).",
        "patientName",
      );
    if (!mapping.provider) problem("Choose the column with the provider.", "provider");
    if (mapping.minutes && mapping.endTime)
      problem("Map either the duration or the end time, not both.", "endTime");
    const seen = new Map<string, ScheduleReportField>();
    for (const field of scheduleReportFields) {
      const header = mapping[field];
      if (!header) continue;
      const key = scheduleHeaderKey(header);
      const other = seen.get(key);
      if (other)
        problem(
          `The column "${header}" is already used for ${scheduleReportFieldLabels[other].toLowerCase()}.`,
          field,
        );
      else seen.set(key, field);
    }
  });
export type ScheduleReportMapping = z.infer<typeof scheduleReportMappingSchema>;

/** How a mapping's header is matched to the file's: case and runs of spaces do not matter. */
export function scheduleHeaderKey(header: string): string {
  return header.trim().replace(/\s+/g, " ").toLowerCase();
}
