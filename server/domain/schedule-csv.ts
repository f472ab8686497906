import { createHmac } from "node:crypto";
import { TZDate } from "@date-fns/tz";
import Papa from "papaparse";
import { z } from "zod";
import {
  SCHEDULE_REPORT_DAYS_AFTER_TODAY,
  SCHEDULE_REPORT_DAYS_BEFORE_TODAY,
  SCHEDULE_REPORT_HEADER_SEARCH_LINES,
  SCHEDULE_REPORT_MAX_BYTES,
  SCHEDULE_REPORT_MAX_CELL,
  SCHEDULE_REPORT_MAX_ROWS,
  scheduleHeaderKey,
  scheduleReportMappingSchema,
  type ScheduleReportField,
  type ScheduleReportMapping,
} from "@/server/contracts/schedule-report";
import type {
  AppointmentStatus,
  ScheduleAppointmentRecord,
  SchedulePatientRecord,
  ScheduleSnapshot,
} from "./schedule-copy";
import { unguardCell } from "./vendor-csv";

/**
 * Reading an EHR's daily schedule report (CSV, the fallback for EHRs without API access) into a
 * schedule snapshot: the column mapping guessed from the headers, every row checked on its own
 * with its line number, and the good rows turned into the records a sync hands over. Pure: nothing
 * is stored here, and no message carries a patient's name, phone, email or birth date (they name
 * the line and the column only).
 */

// ---------------------------------------------------------------------------------------------
// Guessing the mapping from the headers

type FieldKind = "appointment" | "patient";

/**
 * Header spellings of common EHR schedule reports, most specific first, compared after
 * guessKey(). "#" reads as "no" ("Account #" → "accountno").
 */
const headerSpellings: [ScheduleReportField, FieldKind, string[]][] = [
  [
    "date",
    "appointment",
    [
      "appointmentdate",
      "apptdate",
      "apptdt",
      "date",
      "dateofservice",
      "dos",
      "servicedate",
      "visitdate",
      "scheduleddate",
      "scheddate",
      "startdate",
      "day",
    ],
  ],
  [
    "time",
    "appointment",
    [
      "appointmenttime",
      "appttime",
      "time",
      "starttime",
      "apptstarttime",
      "appointmentstarttime",
      "scheduledtime",
      "schedtime",
      "visittime",
      "slottime",
      "start",
    ],
  ],
  [
    "dateTime",
    "appointment",
    [
      "appointmentdatetime",
      "apptdatetime",
      "datetime",
      "dateandtime",
      "startdatetime",
      "scheduleddatetime",
      "scheduledstart",
      "appointmentstart",
      "apptstart",
    ],
  ],
  [
    "minutes",
    "appointment",
    [
      "duration",
      "length",
      "minutes",
      "mins",
      "durationmin",
      "durationmins",
      "durationminutes",
      "lengthmin",
      "lengthmins",
      "lengthminutes",
      "apptlength",
      "appointmentlength",
      "apptduration",
      "appointmentduration",
    ],
  ],
  [
    "endTime",
    "appointment",
    ["endtime", "end", "apptendtime", "appointmentendtime", "stoptime", "finish"],
  ],
  [
    "patientName",
    "patient",
    [
      "patientname",
      "patient",
      "name",
      "ptname",
      "patientfullname",
      "fullname",
      "patientnamelastfirst",
      "namelastfirst",
      "lastfirst",
    ],
  ],
  [
    "lastName",
    "patient",
    ["lastname", "patientlastname", "ptlastname", "lname", "surname", "familyname", "last"],
  ],
  [
    "firstName",
    "patient",
    ["firstname", "patientfirstname", "ptfirstname", "fname", "givenname", "first"],
  ],
  [
    "birthDate",
    "patient",
    ["dob", "dateofbirth", "birthdate", "birthday", "patientdob", "ptdob", "birthdt", "bday"],
  ],
  [
    // Mobile numbers first: the next issue texts patients. The next one found is the second phone.
    "phone",
    "patient",
    [
      "cell",
      "cellphone",
      "cellno",
      "cellnumber",
      "mobile",
      "mobilephone",
      "mobileno",
      "mobilenumber",
      "phone",
      "phoneno",
      "phonenumber",
      "primaryphone",
      "preferredphone",
      "contactphone",
      "patientphone",
      "homephone",
      "home",
      "homeno",
      "telephone",
      "tel",
      "workphone",
      "work",
    ],
  ],
  ["email", "patient", ["email", "emailaddress", "patientemail", "mail"]],
  [
    "preferredLanguage",
    "patient",
    [
      "language",
      "preferredlanguage",
      "lang",
      "primarylanguage",
      "patientlanguage",
      "spokenlanguage",
      "languagepreference",
    ],
  ],
  [
    "provider",
    "appointment",
    [
      "provider",
      "providername",
      "resource",
      "resourcename",
      "providerresource",
      "doctor",
      "physician",
      "renderingprovider",
      "appointmentprovider",
      "apptprovider",
      "scheduledprovider",
      "scheduleprovider",
      "schedulingprovider",
      "seeingprovider",
      "attendingprovider",
      "attending",
      "clinician",
      "practitioner",
      "md",
      "staff",
    ],
  ],
  [
    "location",
    "appointment",
    [
      "location",
      "locationname",
      "facility",
      "facilityname",
      "site",
      "sitename",
      "office",
      "department",
      "departmentname",
      "dept",
      "clinic",
      "servicelocation",
      "placeofservice",
    ],
  ],
  [
    // A type before a reason: a reason for the visit is closer to clinical detail than the copy needs.
    "visitType",
    "appointment",
    [
      "visittype",
      "appttype",
      "appointmenttype",
      "type",
      "eventtype",
      "servicetype",
      "reason",
      "visitreason",
      "reasonforvisit",
      "apptreason",
      "appointmentreason",
    ],
  ],
  ["status", "appointment", ["status", "apptstatus", "appointmentstatus", "visitstatus"]],
  [
    "patientId",
    "patient",
    [
      "mrn",
      "patientid",
      "ptid",
      "patientno",
      "patientnumber",
      "medicalrecordnumber",
      "mrno",
      "chartno",
      "chartnumber",
      "chart",
      "accountno",
      "accountnumber",
      "account",
      "acctno",
      "acct",
      "enterpriseid",
      "personnumber",
    ],
  ],
  [
    "appointmentId",
    "appointment",
    [
      "apptid",
      "appointmentid",
      "apptno",
      "appointmentno",
      "apptnumber",
      "appointmentnumber",
      "encounterid",
      "encounterno",
      "encid",
      "visitid",
      "visitno",
    ],
  ],
];

/** Prefixes a report may put before a field's usual name ("Appt Provider", "Pt Cell Phone"), by the kind of field. */
const headerPrefixes: Record<FieldKind, string[]> = {
  appointment: ["appointment", "appt", "visit", "scheduled", "sched"],
  patient: ["patient", "pt"],
};

function guessKey(header: string): string {
  return header
    .toLowerCase()
    .replace(/#/g, "no")
    .replace(/[^a-z0-9]+/g, "");
}

/** Which fields the mapping lacks to read a report (the names of scheduleReportMappingSchema's rules). */
export function missingScheduleFields(
  mapping: Partial<ScheduleReportMapping>,
): ScheduleReportField[] {
  const missing: ScheduleReportField[] = [];
  if (!mapping.dateTime) {
    if (!mapping.date) missing.push("date");
    if (!mapping.time) missing.push("time");
  }
  if (!mapping.patientName && !(mapping.firstName && mapping.lastName)) missing.push("patientName");
  if (!mapping.provider) missing.push("provider");
  return missing;
}

/**
 * The mapping a report's headers suggest, for the person uploading to check: each header used
 * once, exact spellings before prefixed ones ("Appt Provider"). Where a report has both, a date
 * and a time column win over a date-time one, one patient-name column over first and last, and a
 * duration over an end time.
 */
export function guessMapping(headers: readonly string[]): {
  mapping: ScheduleReportMapping;
  missing: ScheduleReportField[];
  unmapped: string[];
} {
  const keyed = headers
    .map((header) => header.trim())
    .filter((header) => header !== "")
    .map((header) => ({ header, key: guessKey(header) }));
  const used = new Set<string>();
  const mapping: Partial<Record<ScheduleReportField, string>> = {};
  const take = (field: ScheduleReportField, spellings: string[], prefixes: string[]) => {
    for (const spelling of spellings) {
      const found = keyed.find(
        ({ header, key }) =>
          !used.has(header) &&
          (key === spelling || prefixes.some((prefix) => key === prefix + spelling)),
      );
      if (found) {
        used.add(found.header);
        mapping[field] = found.header;
        return true;
      }
    }
    return false;
  };
  for (const withPrefixes of [false, true])
    for (const [field, kind, spellings] of headerSpellings) {
      if (mapping[field]) continue;
      const prefixes = withPrefixes ? headerPrefixes[kind] : [];
      if (take(field, spellings, prefixes) && field === "phone")
        take("secondPhone", spellings, prefixes);
    }
  const drop = (field: ScheduleReportField) => {
    if (mapping[field]) used.delete(mapping[field]);
    delete mapping[field];
  };
  if (mapping.date && mapping.time) drop("dateTime");
  else if (mapping.dateTime) {
    drop("date");
    drop("time");
  }
  if (mapping.patientName) {
    drop("firstName");
    drop("lastName");
  }
  if (mapping.minutes) drop("endTime");
  return {
    mapping,
    missing: missingScheduleFields(mapping),
    unmapped: keyed.filter(({ header }) => !used.has(header)).map(({ header }) => header),
  };
}

// ---------------------------------------------------------------------------------------------
// Reading cells: dates, times, durations, phones, languages, statuses

type CalendarDate = { year: number; month: number; day: number };
type ClockTime = { hour: number; minute: number };
type Moment = { date?: CalendarDate; time?: ClockTime; end?: ClockTime };

const monthNames = [
  "january",
  "february",
  "march",
  "april",
  "may",
  "june",
  "july",
  "august",
  "september",
  "october",
  "november",
  "december",
];
function monthNumber(word: string): number | null {
  const lower = word.toLowerCase();
  if (lower === "sept") return 9;
  const index = monthNames.findIndex((name) => lower.length >= 3 && name.startsWith(lower));
  return index === -1 ? null : index + 1;
}

const weekdayPrefix = /^(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+/i;
const isoDate = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)/;
/** Month first: Standby's practices are in the US. "25/12/2026" is refused rather than guessed. */
const usDate = /^(\d{1,2})[/-](\d{1,2})[/-](\d{4}|\d{2})(?!\d)/;
const monthNameDate = /^([a-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})(?!\d)/i;
const dayMonthNameDate = /^(\d{1,2})[\s-]([a-z]{3,9})\.?[\s,-]+(\d{4}|\d{2})(?!\d)/i;
const clockTime = /^(\d{1,2})(?::(\d{2}))?(?::(\d{2})(?:\.\d+)?)?\s*(?:([ap])\.?\s*(?:m\.?)?)?$/i;
const compactTime = /^(\d{1,2})(\d{2})\s*(?:([ap])\.?\s*(?:m\.?)?)?$/i;

function calendarDate(year: number, month: number, day: number): CalendarDate | null {
  if (month < 1 || month > 12 || day < 1) return null;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= daysInMonth ? { year, month, day } : null;
}

/** A time on the clock, or null: "8:30 AM", "08:30", "0830", "8:30a", "8:30 a.m.", "8 AM", "14:05:00". */
function readClockTime(text: string): ClockTime | null {
  const clock = clockTime.exec(text);
  const compact = clock ? null : compactTime.exec(text);
  if (!clock && !compact) return null;
  const hour = Number(clock ? clock[1] : compact![1]);
  const minuteText = clock ? clock[2] : compact![2];
  const meridiem = (clock ? clock[4] : compact![3])?.toLowerCase();
  // "8" alone could be morning or evening; "8 AM" and "8:00" cannot.
  if (minuteText === undefined && !meridiem) return null;
  const minute = Number(minuteText ?? 0);
  if (minute > 59 || (clock?.[3] !== undefined && Number(clock[3]) > 59)) return null;
  if (!meridiem) return hour <= 23 ? { hour, minute } : null;
  if (hour > 12) return null;
  return { hour: (hour % 12) + (meridiem === "p" ? 12 : 0), minute };
}

/** A start, or a start and an end ("8:30 AM - 9:00 AM", "08:30-08:45"). */
function readTimeOrRange(text: string): { time: ClockTime; end?: ClockTime } | null {
  const single = readClockTime(text);
  if (single) return { time: single };
  const parts = text.split(/\s*(?:-|–|\bto\b)\s*/i);
  if (parts.length !== 2) return null;
  const [start, end] = parts.map(readClockTime);
  return start && end ? { time: start, end } : null;
}

/**
 * What a date, time or date-time cell says: ISO (2026-12-07), US (12/07/2026, 12/7/26), named
 * months (Dec 7, 2026; 7-Dec-2026), optionally after a weekday and before a time; or a time alone.
 * Two-digit years are read by `century`.
 */
function readMoment(cell: string, century: (twoDigits: number) => number): Moment | null {
  const text = cell.replace(weekdayPrefix, "");
  let date: CalendarDate | null = null;
  const year = (digits: string) => (digits.length === 2 ? century(Number(digits)) : Number(digits));
  let match: RegExpExecArray | null;
  if ((match = isoDate.exec(text)))
    date = calendarDate(Number(match[1]), Number(match[2]), Number(match[3]));
  else if ((match = usDate.exec(text)))
    date = calendarDate(year(match[3]!), Number(match[1]), Number(match[2]));
  else if ((match = monthNameDate.exec(text))) {
    const month = monthNumber(match[1]!);
    date = month ? calendarDate(Number(match[3]), month, Number(match[2])) : null;
  } else if ((match = dayMonthNameDate.exec(text))) {
    const month = monthNumber(match[2]!);
    date = month ? calendarDate(year(match[3]!), month, Number(match[1])) : null;
  }
  if (match) {
    if (!date) return null;
    const rest = text
      .slice(match[0].length)
      .replace(/^(?:T|,?\s+(?:at\s+)?)/i, "")
      .trim();
    if (rest === "") return { date };
    const time = readClockTime(rest);
    return time ? { date, time } : null;
  }
  const time = readTimeOrRange(text);
  return time ? { ...time } : null;
}

const isoOf = ({ year, month, day }: CalendarDate) =>
  `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
const clockOf = ({ hour, minute }: ClockTime) =>
  `${String(hour).padStart(2, "0")}:${String(minute).padStart(2, "0")}`;
/** Days from one calendar date to another (calendar arithmetic only; no time zone is involved). */
const daysBetween = (from: CalendarDate, to: CalendarDate) =>
  Math.round(
    (Date.UTC(to.year, to.month - 1, to.day) - Date.UTC(from.year, from.month - 1, from.day)) /
      86_400_000,
  );

/**
 * The moment a wall-clock time of a day means in the practice's zone. @date-fns/tz resolves the
 * two DST cases as Temporal's "compatible" rule does: a time the clocks skip (2:30 AM on the
 * spring-forward day) moves forward by the gap (3:30 AM daylight time); a time they pass twice
 * (1:30 AM on the fall-back day) is the first one (daylight time). Both are flagged so the row
 * can say so.
 */
function zonedMoment(date: CalendarDate, time: ClockTime, timeZone: string) {
  const moment = new TZDate(
    date.year,
    date.month - 1,
    date.day,
    time.hour,
    time.minute,
    0,
    0,
    timeZone,
  );
  const skipped = moment.getHours() !== time.hour || moment.getMinutes() !== time.minute;
  // The same wall clock an hour later: the time repeats (US and European clocks go back one hour).
  const hourLater = new TZDate(moment.getTime() + 3_600_000, timeZone);
  const repeated =
    !skipped && hourLater.getHours() === time.hour && hourLater.getMinutes() === time.minute;
  return { startsAt: new Date(moment.getTime()), skipped, repeated };
}

const nextDay = ({ year, month, day }: CalendarDate): CalendarDate => {
  const next = new Date(Date.UTC(year, month - 1, day + 1));
  return { year: next.getUTCFullYear(), month: next.getUTCMonth() + 1, day: next.getUTCDate() };
};

/** Midnight of a day in the zone (or the first moment of the day, where the clocks skip midnight). */
const startOfZonedDay = (date: CalendarDate, timeZone: string) =>
  new Date(new TZDate(date.year, date.month - 1, date.day, 0, 0, 0, 0, timeZone).getTime());

/** Minutes from "15", "15 min", "15m", "1:30", "1h", "1 hr 30 min", "90.0"; null when not a duration. */
function readMinutes(cell: string): number | null {
  const text = cell.toLowerCase().replace(/\s+/g, " ").trim();
  let match = /^(\d{1,4})(?:\.0+)?\s*(?:m|mins?|minutes?)?$/.exec(text);
  if (match) return Number(match[1]);
  match = /^(\d{1,2}):([0-5]\d)$/.exec(text);
  if (match) return Number(match[1]) * 60 + Number(match[2]);
  match = /^(?:(\d{1,2})\s*(?:h|hrs?|hours?))\s*(?:(\d{1,3})\s*(?:m|mins?|minutes?))?$/.exec(text);
  if (match) return Number(match[1]) * 60 + Number(match[2] ?? 0);
  return null;
}
const MAX_MINUTES = 24 * 60;
/** When the report says nothing of length: the shortest common slot. */
const DEFAULT_MINUTES = 15;

/**
 * A phone kept as digits with a leading + when there was one; null when clearly not a phone:
 * letters, fewer than 7 or more than 15 digits (E.164's maximum), or one digit repeated
 * ("000-000-0000"). An extension ("x12", "ext. 12") is left out: the copy is for reaching the
 * patient, and the digits would otherwise run into the number.
 */
export function normalisePhone(cell: string): string | null {
  const text = cell.replace(/\s*(?:x|ext\.?|extension)\s*\d{1,6}$/i, "").replace(/[\s().\-/]/g, "");
  if (!/^\+?\d+$/.test(text)) return null;
  const digits = text.replace("+", "");
  const min = text.startsWith("+") ? 8 : 7;
  if (digits.length < min || digits.length > 15 || /^(\d)\1*$/.test(digits)) return null;
  return text;
}

const emailSchema = z.email().max(254);

/** Language names and ISO 639-2 codes reports use, to BCP-47. */
const languageCodes: Record<string, string> = {
  english: "en",
  eng: "en",
  spanish: "es",
  espanol: "es",
  español: "es",
  spa: "es",
  chinese: "zh",
  mandarin: "zh",
  chi: "zh",
  zho: "zh",
  cantonese: "yue",
  vietnamese: "vi",
  vie: "vi",
  korean: "ko",
  kor: "ko",
  russian: "ru",
  rus: "ru",
  arabic: "ar",
  ara: "ar",
  tagalog: "tl",
  filipino: "fil",
  tgl: "tl",
  french: "fr",
  fre: "fr",
  fra: "fr",
  "haitian creole": "ht",
  creole: "ht",
  portuguese: "pt",
  por: "pt",
  polish: "pl",
  pol: "pl",
  hindi: "hi",
  japanese: "ja",
  jpn: "ja",
  german: "de",
  ger: "de",
  deu: "de",
  italian: "it",
  ita: "it",
  somali: "so",
  "american sign language": "ase",
  asl: "ase",
  farsi: "fa",
  persian: "fa",
  urdu: "ur",
  bengali: "bn",
  punjabi: "pa",
  gujarati: "gu",
  hmong: "hmn",
  khmer: "km",
  cambodian: "km",
  lao: "lo",
  laotian: "lo",
  amharic: "am",
  nepali: "ne",
  ukrainian: "uk",
  greek: "el",
  hebrew: "he",
  turkish: "tr",
  burmese: "my",
  swahili: "sw",
  armenian: "hy",
};
/** Words that say no language was recorded: read as none, without a warning. */
const noLanguage = new Set(["", "unknown", "declined", "none", "other", "n/a", "na", "-"]);

/** A BCP-47 code, null for no language, or undefined when the cell is not a language Standby knows. */
function readLanguage(cell: string): string | null | undefined {
  const lower = cell.toLowerCase();
  if (noLanguage.has(lower)) return null;
  const named = languageCodes[lower];
  if (named) return named;
  if (!/^[a-z]{2,3}(?:[-_][a-z0-9]{2,8})*$/i.test(cell)) return undefined;
  try {
    const [code] = Intl.getCanonicalLocales(cell.replace(/_/g, "-"));
    return code;
  } catch {
    return undefined;
  }
}

/** EHR status words (compared as letters only) to FHIR Appointment.status. */
const statusWords: Record<string, AppointmentStatus> = {
  scheduled: "booked",
  sched: "booked",
  booked: "booked",
  confirmed: "booked",
  unconfirmed: "booked",
  notconfirmed: "booked",
  reminded: "booked",
  pending: "pending",
  tentative: "pending",
  requested: "pending",
  proposed: "proposed",
  arrived: "arrived",
  here: "arrived",
  checkedin: "checked-in",
  checkin: "checked-in",
  roomed: "checked-in",
  inroom: "checked-in",
  inexamroom: "checked-in",
  withprovider: "checked-in",
  withdoctor: "checked-in",
  inprogress: "checked-in",
  readyforprovider: "checked-in",
  completed: "fulfilled",
  complete: "fulfilled",
  fulfilled: "fulfilled",
  seen: "fulfilled",
  done: "fulfilled",
  checkedout: "fulfilled",
  checkout: "fulfilled",
  discharged: "fulfilled",
  cancelled: "cancelled",
  canceled: "cancelled",
  cx: "cancelled",
  deleted: "cancelled",
  bumped: "cancelled",
  // The report's row is the old slot; the new one is its own row.
  rescheduled: "cancelled",
  noshow: "noshow",
  dna: "noshow",
  didnotattend: "noshow",
  missed: "noshow",
  enteredinerror: "entered-in-error",
  waitlist: "waitlist",
  waitlisted: "waitlist",
  waitinglist: "waitlist",
};

/** The FHIR status of a report's status word; undefined when the word is not known. */
export function readStatus(cell: string): AppointmentStatus | undefined {
  const word = cell.toLowerCase().replace(/[^a-z]/g, "");
  if (word === "") return "booked";
  return (
    statusWords[word] ??
    (word.startsWith("cancel")
      ? "cancelled"
      : word.startsWith("confirm")
        ? "booked"
        : word.startsWith("noshow")
          ? "noshow"
          : undefined)
  );
}

// ---------------------------------------------------------------------------------------------
// Reading the file

type ParsedFile = { records: string[][]; quoteErrorRows: Set<number> };

/** The file's records (every line, empty ones too, so that index + 1 is the line a spreadsheet shows). */
function parseFile(text: string): { error: string } | ParsedFile {
  const bytes = Buffer.byteLength(text, "utf8");
  if (bytes > SCHEDULE_REPORT_MAX_BYTES)
    return {
      error: `The file is ${(bytes / 1024 / 1024).toFixed(1)} MB; a schedule report may be at most ${SCHEDULE_REPORT_MAX_BYTES / 1024 / 1024} MB. Export fewer days at once.`,
    };
  // The delimiter is detected: exports use commas, semicolons or tabs.
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ""), { skipEmptyLines: false });
  const quoteErrorRows = new Set(
    parsed.errors
      .filter((error) => error.type === "Quotes" && error.row !== undefined)
      .map((error) => error.row!),
  );
  return { records: parsed.data, quoteErrorRows };
}

const blank = (record: string[]) => record.every((cell) => cell.trim() === "");
const clean = (cell: string) => unguardCell(cell).replace(/\s+/g, " ").trim();

/**
 * The headers of a report, for guessMapping: the first of its first lines in which at least two
 * headers are recognised (a report may start with a title block), else its first non-empty line,
 * so that unusual headers can still be mapped by hand. In a file without a header row that line is
 * a patient's row: show the headers to the person uploading, never log them.
 */
export function readReportHeaders(
  text: string,
): { ok: false; error: string } | { ok: true; headers: string[]; line: number } {
  const file = parseFile(text);
  if ("error" in file) return { ok: false, error: file.error };
  const candidates = file.records
    .slice(0, SCHEDULE_REPORT_HEADER_SEARCH_LINES)
    .map((record, index) => ({ record, line: index + 1 }))
    .filter(({ record }) => !blank(record));
  if (candidates.length === 0) return { ok: false, error: "The file is empty." };
  const headerRow =
    candidates.find(
      ({ record }) => Object.keys(guessMapping(record.map(clean)).mapping).length >= 2,
    ) ?? candidates[0]!;
  return {
    ok: true,
    headers: headerRow.record.map(clean).filter((header) => header !== ""),
    line: headerRow.line,
  };
}

export type ScheduleReportOptions = {
  /** The practice's IANA time zone: every date and time in the report is its wall clock. */
  timeZone: string;
  /** The practice's date today (YYYY-MM-DD): birth dates may not be later, appointments not far from it. */
  today: string;
  /**
   * A secret of at least 16 characters for the ids made up when the report has no id column:
   * keyed, so an id cannot be matched to a guessed name and birth date. It must stay the same
   * from one upload to the next, or a re-upload replaces every appointment instead of updating it.
   */
  idKey: string;
};

export type ScheduleReportRow = {
  /** The row's line as a spreadsheet numbers it (the header and any title lines counted). */
  line: number;
  /** What the preview shows of the row: never the patient. */
  summary: { date: string | null; time: string | null; provider: string };
  errors: string[];
  warnings: string[];
};

export type ScheduleReportCounts = {
  /** Non-empty lines under the header. */
  rows: number;
  /** Rows without errors (a duplicate counts here, once more in duplicates). */
  accepted: number;
  withErrors: number;
  withWarnings: number;
  duplicates: number;
  appointments: number;
  patients: number;
  /** Calendar days the report covers (the snapshot's window). */
  days: number;
};

export type ScheduleReport =
  | { ok: false; error: string }
  | {
      ok: true;
      /** The header row's line. */
      headerLine: number;
      rows: ScheduleReportRow[];
      /** The good rows only. */
      snapshot: ScheduleSnapshot;
      counts: ScheduleReportCounts;
    };

function stableId(idKey: string, parts: string[]): string {
  return `h-${createHmac("sha256", idKey).update(JSON.stringify(parts)).digest("hex").slice(0, 32)}`;
}
const sameText = (text: string) => text.normalize("NFC").toLowerCase();

type Columns = Map<ScheduleReportField, { header: string; index: number }>;

/** The header row: the first of the file's first lines holding every mapped column, and where each is. */
function findHeaderRow(
  records: string[][],
  mapped: [ScheduleReportField, string][],
): { error: string } | { index: number; columns: Columns } {
  let best: { index: number; positions: Map<string, number>; missing: string[] } | null = null;
  for (const [index, record] of records.slice(0, SCHEDULE_REPORT_HEADER_SEARCH_LINES).entries()) {
    if (blank(record)) continue;
    const positions = new Map<string, number>();
    record.forEach((cell, column) => {
      const key = scheduleHeaderKey(clean(cell));
      if (key && !positions.has(key)) positions.set(key, column);
    });
    const missing = mapped
      .map(([, header]) => header)
      .filter((header) => !positions.has(scheduleHeaderKey(header)));
    if (!best || missing.length < best.missing.length) best = { index, positions, missing };
    if (missing.length === 0) break;
  }
  if (!best)
    return {
      error: `The file has no header row: its first ${SCHEDULE_REPORT_HEADER_SEARCH_LINES} lines are empty.`,
    };
  const { index, positions, missing } = best;
  if (missing.length > 0)
    return {
      error: `The file has no header row with the mapped columns (missing: ${missing
        .map((header) => `"${header}"`)
        .join(
          ", ",
        )}). A header row is required in the first ${SCHEDULE_REPORT_HEADER_SEARCH_LINES} lines; check the column mapping, or that this is the schedule report.`,
    };
  return {
    index,
    columns: new Map(
      mapped.map(([field, header]) => [
        field,
        { header, index: positions.get(scheduleHeaderKey(header))! },
      ]),
    ),
  };
}

type RowContext = {
  columns: Columns;
  today: CalendarDate;
  momentOf: (date: CalendarDate, time: ClockTime) => ReturnType<typeof zonedMoment>;
};

/** What one row says, before ids are given and rows are merged. */
type ReadRow = {
  errors: string[];
  warnings: string[];
  summary: ScheduleReportRow["summary"];
  /** The row's date when it could be read and lies within the days a report may cover. */
  dateInWindow: CalendarDate | null;
  /** Set when every required cell could be read (the row may still have errors). */
  read: {
    /** resourceId is the patient-id cell, "" when the report has none for this row. */
    patient: SchedulePatientRecord;
    appointmentId: string;
    appointment: Omit<ScheduleAppointmentRecord, "resourceId" | "patientResourceId">;
  } | null;
};

const appointmentCentury = (twoDigits: number) => 2000 + twoDigits;

function readRow(record: string[], { columns, today, momentOf }: RowContext): ReadRow {
  const errors: string[] = [];
  const warnings: string[] = [];
  /** The field's cell, cleaned ("" when unmapped or empty); null (with an error) when over the cell limit. */
  const cell = (field: ScheduleReportField): string | null => {
    const column = columns.get(field);
    if (!column) return "";
    const value = record[column.index] ?? "";
    if (value.length > SCHEDULE_REPORT_MAX_CELL) {
      errors.push(
        `${column.header}: more than ${SCHEDULE_REPORT_MAX_CELL} characters, the most a cell may hold.`,
      );
      return null;
    }
    return clean(value);
  };
  const header = (field: ScheduleReportField) => columns.get(field)?.header ?? field;
  const oneColumn = columns.has("dateTime");
  const dateHeader = header(oneColumn ? "dateTime" : "date");
  const timeHeader = header(oneColumn ? "dateTime" : "time");

  // When: a date and a start, from one column or two.
  let date: CalendarDate | undefined;
  let time: ClockTime | undefined;
  let rangeEnd: ClockTime | undefined;
  if (oneColumn) {
    const value = cell("dateTime");
    if (value === "")
      errors.push(`${dateHeader}: empty; the appointment's date and time are needed.`);
    else if (value !== null) {
      const moment = readMoment(value, appointmentCentury);
      if (moment?.date && moment.time) ({ date, time } = moment);
      else
        errors.push(
          `${dateHeader}: not a date and time (write e.g. 12/07/2026 8:30 AM or 2026-12-07 08:30).`,
        );
    }
  } else {
    const dateValue = cell("date");
    if (dateValue === "") errors.push(`${dateHeader}: empty; the appointment's date is needed.`);
    else if (dateValue !== null) {
      date = readMoment(dateValue, appointmentCentury)?.date;
      if (!date)
        errors.push(
          `${dateHeader}: not a date (write e.g. 12/07/2026, 2026-12-07 or Dec 7, 2026).`,
        );
    }
    const timeValue = cell("time");
    if (timeValue === "") errors.push(`${timeHeader}: empty; the start time is needed.`);
    else if (timeValue !== null) {
      const moment = readMoment(timeValue, appointmentCentury);
      time = moment?.time;
      rangeEnd = moment?.end;
      if (!time) errors.push(`${timeHeader}: not a time (write e.g. 8:30 AM or 08:30).`);
    }
  }
  let dateInWindow: CalendarDate | null = null;
  if (date) {
    const fromToday = daysBetween(today, date);
    if (fromToday < -SCHEDULE_REPORT_DAYS_BEFORE_TODAY)
      errors.push(
        `${dateHeader}: more than ${SCHEDULE_REPORT_DAYS_BEFORE_TODAY} days before today; upload current schedules only.`,
      );
    else if (fromToday > SCHEDULE_REPORT_DAYS_AFTER_TODAY)
      errors.push(
        `${dateHeader}: more than ${SCHEDULE_REPORT_DAYS_AFTER_TODAY} days after today; check the year.`,
      );
    else dateInWindow = date;
  }
  let startsAt: Date | undefined;
  if (dateInWindow && time) {
    const zoned = momentOf(dateInWindow, time);
    startsAt = zoned.startsAt;
    if (zoned.skipped)
      warnings.push(
        `${timeHeader}: this time does not exist on this day (the clocks go forward); read as one hour later.`,
      );
    if (zoned.repeated)
      warnings.push(
        `${timeHeader}: this time happens twice on this day (the clocks go back); read as the first one, in daylight time.`,
      );
  }

  // How long: a duration, an end time, the end of a time range, or the default.
  let minutes: number | undefined = DEFAULT_MINUTES;
  if (columns.has("minutes")) {
    const value = cell("minutes");
    if (value) {
      const read = readMinutes(value);
      if (read === null || read < 1 || read > MAX_MINUTES) {
        errors.push(
          `${header("minutes")}: not a duration from 1 to ${MAX_MINUTES.toLocaleString("en-US")} minutes (write e.g. 15, 15 min or 1:30).`,
        );
        minutes = undefined;
      } else minutes = read;
    } else if (value === null) minutes = undefined;
  } else if (columns.has("endTime") || rangeEnd) {
    const value = columns.has("endTime") ? cell("endTime") : "";
    const end = value ? readMoment(value, appointmentCentury)?.time : rangeEnd;
    const endHeader = header(columns.has("endTime") ? "endTime" : "time");
    if (value === null) minutes = undefined;
    else if (value && !end) {
      errors.push(`${endHeader}: not a time (write e.g. 9:00 AM or 09:00).`);
      minutes = undefined;
    } else if (end && dateInWindow && startsAt) {
      const length = (momentOf(dateInWindow, end).startsAt.getTime() - startsAt.getTime()) / 60_000;
      if (length <= 0) {
        errors.push(`${endHeader}: the appointment ends before it starts.`);
        minutes = undefined;
      } else minutes = length;
    }
  }

  // Who: the patient.
  let name: string | null;
  if (columns.has("patientName")) name = cell("patientName");
  else {
    const first = cell("firstName");
    const last = cell("lastName");
    name = first === null || last === null ? null : `${first} ${last}`.trim();
  }
  if (name === "")
    errors.push(
      `${header(columns.has("patientName") ? "patientName" : "lastName")}: empty; the patient's name is needed.`,
    );

  let birthDate: string | null = null;
  const birthValue = cell("birthDate");
  if (birthValue) {
    const birthCentury = (twoDigits: number) =>
      2000 + twoDigits > today.year ? 1900 + twoDigits : 2000 + twoDigits;
    const birth = readMoment(birthValue, birthCentury)?.date;
    if (!birth)
      errors.push(`${header("birthDate")}: not a date (write e.g. 04/18/1961 or 1961-04-18).`);
    else if (birth.year < 1900)
      errors.push(`${header("birthDate")}: a birth date before 1900 is not accepted.`);
    else if (daysBetween(today, birth) > 0)
      errors.push(`${header("birthDate")}: a birth date cannot be after today.`);
    else birthDate = isoOf(birth);
  }

  let phone: string | null = null;
  let phoneField: ScheduleReportField = "phone";
  let phoneValue = cell("phone");
  if (phoneValue === "" && columns.has("secondPhone")) {
    phoneField = "secondPhone";
    phoneValue = cell("secondPhone");
  }
  if (phoneValue) {
    phone = normalisePhone(phoneValue);
    if (!phone)
      errors.push(
        `${header(phoneField)}: not a phone number (write 10 digits, e.g. (555) 010-2030, or + and the country code).`,
      );
  }

  let email: string | null = null;
  const emailValue = cell("email");
  if (emailValue) {
    if (emailSchema.safeParse(emailValue).success) email = emailValue;
    else errors.push(`${header("email")}: not an email address.`);
  }

  let preferredLanguage: string | null = null;
  const languageValue = cell("preferredLanguage");
  if (languageValue) {
    const language = readLanguage(languageValue);
    if (language === undefined)
      warnings.push(`${header("preferredLanguage")}: language not recognised; left empty.`);
    else preferredLanguage = language;
  }

  // With whom, where, what, in which state.
  const provider = cell("provider");
  if (provider === "") errors.push(`${header("provider")}: empty; the provider is needed.`);
  const location = cell("location");
  const visitType = cell("visitType");
  let status: AppointmentStatus = "booked";
  const statusValue = cell("status");
  if (statusValue) {
    const read = readStatus(statusValue);
    if (read) status = read;
    else
      warnings.push(
        `${header("status")}: status not recognised; read as booked (scheduled). Check it in the EHR.`,
      );
  }
  const patientId = cell("patientId");
  const appointmentId = cell("appointmentId");

  return {
    errors,
    warnings,
    summary: {
      date: date ? isoOf(date) : null,
      time: time ? clockOf(time) : null,
      provider: provider ?? "",
    },
    dateInWindow,
    read:
      startsAt &&
      minutes !== undefined &&
      name &&
      provider &&
      location !== null &&
      visitType !== null &&
      patientId !== null &&
      appointmentId !== null
        ? {
            patient: {
              resourceId: patientId,
              versionId: null,
              name,
              phone,
              email,
              preferredLanguage,
              birthDate,
            },
            appointmentId,
            appointment: {
              versionId: null,
              startsAt,
              minutes,
              providerName: provider,
              locationName: location,
              visitType,
              status,
            },
          }
        : null,
  };
}

/**
 * Another row's details of a patient already read: blanks of the kept record are filled in; what
 * differs is kept as first read and named (by field, never by value) for the row's warning.
 */
function mergePatient(kept: SchedulePatientRecord, other: SchedulePatientRecord): string[] {
  const differing = (
    [
      ["name", sameText(kept.name), sameText(other.name)],
      ["birth date", kept.birthDate, other.birthDate],
      ["phone", kept.phone, other.phone],
      ["email", kept.email, other.email],
      ["language", kept.preferredLanguage, other.preferredLanguage],
    ] as const
  )
    .filter(([, before, now]) => before !== null && now !== null && before !== now)
    .map(([what]) => what);
  kept.birthDate ??= other.birthDate;
  kept.phone ??= other.phone;
  kept.email ??= other.email;
  kept.preferredLanguage ??= other.preferredLanguage;
  return differing;
}

/**
 * Reads a schedule report with a column mapping. A problem with the whole file (too large, too
 * many rows, no header row with the mapped columns) is `ok: false` with its message; otherwise
 * every non-empty row comes back with its errors and warnings, and the rows without errors make
 * the snapshot. A row with errors is left out of the snapshot; whether a report with such rows may
 * be stored is the caller's rule (the vendor import refuses until the file is fixed).
 *
 * The snapshot's window is the whole local days from the report's first date to its last (`to` is
 * the start of the day after), counting every row whose date could be read.
 *
 * Ids: the appointment-id column when mapped and filled, else a keyed hash of (start, provider,
 * patient id); the patient-id column when mapped and filled, else a keyed hash of (name, birth
 * date). Uploading the same report again gives the same ids.
 */
export function readScheduleReport(
  text: string,
  mapping: ScheduleReportMapping,
  options: ScheduleReportOptions,
): ScheduleReport {
  const { timeZone, idKey } = options;
  if (idKey.length < 16) throw new Error("The schedule report's id key is too short.");
  const todayMatch = /^(\d{4})-(\d{2})-(\d{2})$/.exec(options.today);
  const today = todayMatch
    ? calendarDate(Number(todayMatch[1]), Number(todayMatch[2]), Number(todayMatch[3]))
    : null;
  if (!today) throw new Error("today must be a date written YYYY-MM-DD.");
  new Intl.DateTimeFormat("en-US", { timeZone }); // throws a RangeError for an unknown zone

  const validMapping = scheduleReportMappingSchema.safeParse(mapping);
  if (!validMapping.success) return { ok: false, error: validMapping.error.issues[0]!.message };
  const file = parseFile(text);
  if ("error" in file) return { ok: false, error: file.error };
  const { records, quoteErrorRows } = file;
  if (records.every(blank)) return { ok: false, error: "The file is empty." };

  const mapped = Object.entries(validMapping.data).filter(
    (entry): entry is [ScheduleReportField, string] => entry[1] !== undefined,
  );
  const headerRow = findHeaderRow(records, mapped);
  if ("error" in headerRow) return { ok: false, error: headerRow.error };
  const dataRows = records
    .map((record, index) => ({ record, index }))
    .slice(headerRow.index + 1)
    .filter(({ record }) => !blank(record));
  if (dataRows.length === 0)
    return { ok: false, error: "The report has no appointment rows under its header." };
  if (dataRows.length > SCHEDULE_REPORT_MAX_ROWS)
    return {
      ok: false,
      error: `The report has ${dataRows.length.toLocaleString("en-US")} appointment rows; at most ${SCHEDULE_REPORT_MAX_ROWS.toLocaleString("en-US")} can be uploaded at once. Export fewer days.`,
    };

  // A report repeats its slots (each provider's 8:30 on each day): each wall-clock time is resolved
  // in the zone once, which is most of the reading time otherwise.
  const moments = new Map<string, ReturnType<typeof zonedMoment>>();
  const context: RowContext = {
    columns: headerRow.columns,
    today,
    momentOf: (date, time) => {
      const key = `${isoOf(date)}T${clockOf(time)}`;
      let moment = moments.get(key);
      if (!moment) {
        moment = zonedMoment(date, time, timeZone);
        moments.set(key, moment);
      }
      return moment;
    },
  };

  const rows: ScheduleReportRow[] = [];
  const patients = new Map<string, { record: SchedulePatientRecord; line: number }>();
  const appointments = new Map<string, { record: ScheduleAppointmentRecord; line: number }>();
  const dates = new Map<string, CalendarDate>();
  let duplicates = 0;
  for (const { record, index } of dataRows) {
    const line = index + 1;
    const row = readRow(record, context);
    if (quoteErrorRows.has(index))
      row.errors.unshift("The quotes on this line do not match: a quoted cell is not closed.");
    if (row.dateInWindow) dates.set(isoOf(row.dateInWindow), row.dateInWindow);
    const { errors, warnings, read } = row;
    if (errors.length === 0 && read) {
      const { patient, appointmentId, appointment } = read;
      // A medical record number identifies the patient: only its keyed hash is kept, like a name's.
      const patientResourceId = patient.resourceId
        ? stableId(idKey, ["mrn", patient.resourceId])
        : stableId(idKey, ["patient", sameText(patient.name), patient.birthDate ?? ""]);
      const known = patients.get(patientResourceId);
      if (!known)
        patients.set(patientResourceId, {
          record: { ...patient, resourceId: patientResourceId },
          line,
        });
      else {
        const differing = mergePatient(known.record, patient);
        if (differing.length)
          warnings.push(
            `Same patient as line ${known.line} with a different ${differing.join(", ")}; line ${known.line}'s is kept.`,
          );
      }
      const resourceId =
        appointmentId ||
        stableId(idKey, [
          "appointment",
          appointment.startsAt.toISOString(),
          sameText(appointment.providerName),
          patientResourceId,
        ]);
      const earlier = appointments.get(resourceId);
      if (earlier) {
        duplicates += 1;
        warnings.push(`Same appointment as line ${earlier.line}; counted once.`);
      } else
        appointments.set(resourceId, {
          line,
          record: { ...appointment, resourceId, patientResourceId },
        });
    }
    rows.push({ line, summary: row.summary, errors, warnings });
  }

  const days = [...dates.keys()].sort();
  const firstDate = days.length ? dates.get(days[0]!)! : null;
  const lastDate = days.length ? dates.get(days.at(-1)!)! : null;
  // No readable date at all: an empty window at the start of today, which replaces nothing.
  const from = startOfZonedDay(firstDate ?? today, timeZone);
  const to = lastDate ? startOfZonedDay(nextDay(lastDate), timeZone) : from;
  return {
    ok: true,
    headerLine: headerRow.index + 1,
    rows,
    snapshot: {
      from,
      to,
      appointments: [...appointments.values()].map(({ record }) => record),
      patients: [...patients.values()].map(({ record }) => record),
    },
    counts: {
      rows: rows.length,
      accepted: rows.filter((row) => row.errors.length === 0).length,
      withErrors: rows.filter((row) => row.errors.length > 0).length,
      withWarnings: rows.filter((row) => row.warnings.length > 0).length,
      duplicates,
      appointments: appointments.size,
      patients: patients.size,
      days: days.length,
    },
  };
}
