import { z } from "zod";
import { documentVersion, enteredMoment } from "./common";
import { idempotencyKeySchema } from "./idempotency";
import { incidentStatusValues } from "@/db/schema/values";

/** Shared by the incident forms (client) and the incidents service (server). */

/** The statuses, in the order an incident moves through them, are the database enum incident_status's values; the rules of moving between them are in server/domain/incident-status.ts. */
export const incidentStatuses = incidentStatusValues;
export type IncidentStatus = (typeof incidentStatuses)[number];

export const incidentStatusLabels: Record<IncidentStatus, string> = {
  investigating: "Investigating",
  identified: "Identified",
  monitoring: "Monitoring",
  resolved: "Resolved",
  closed: "Closed",
};

/** The plan's triage checks and the scope guessed from them (server/domain/incident-scope.ts). */
export const triageChecks = [
  "internet",
  "firewall",
  "wifi",
  "workstations",
  "phones",
  "local_network",
] as const;
export type TriageCheck = (typeof triageChecks)[number];

export const triageCheckLabels: Record<TriageCheck, string> = {
  internet: "Internet",
  firewall: "Firewall",
  wifi: "Wi-Fi",
  workstations: "Workstations",
  phones: "Phones",
  local_network: "Local network",
};

export const triageAnswers = ["working", "down", "unknown"] as const;
export type TriageAnswer = (typeof triageAnswers)[number];

export const otherCloudAppsAnswers = ["yes", "no", "unknown"] as const;
export type OtherCloudAppsAnswer = (typeof otherCloudAppsAnswers)[number];
export const otherCloudAppsLabel = "Other cloud apps work but the EHR does not";

export const suspectedScopes = ["local", "vendor_wide", "unknown"] as const;
export type SuspectedScope = (typeof suspectedScopes)[number];
export const suspectedScopeLabels: Record<SuspectedScope, string> = {
  local: "Local",
  vendor_wide: "Vendor-wide",
  unknown: "Unknown",
};

export const incidentSeverities = [
  ["critical", "Critical — patients cannot be seen"],
  ["major", "Major — seeing patients with workarounds"],
  ["minor", "Minor — an inconvenience"],
] as const;
export type IncidentSeverity = (typeof incidentSeverities)[number][0];
export const incidentSeverityLabels: Record<IncidentSeverity, string> = {
  critical: "Critical",
  major: "Major",
  minor: "Minor",
};

export const incidentCauses = [
  ["power", "Power"],
  ["network", "Network"],
  ["hardware", "Hardware"],
  ["vendor", "Vendor"],
  ["human_error", "Human error"],
  ["cyberattack", "Cyberattack"],
  ["disaster", "Disaster"],
  ["other", "Other"],
] as const;
export type IncidentCause = (typeof incidentCauses)[number][0];
export const incidentCauseLabels = Object.fromEntries(incidentCauses) as Record<
  IncidentCause,
  string
>;

const practiceId = z.uuid("Unknown practice.");
const incidentId = z.uuid("Unknown incident.");
const moment = enteredMoment;
const shortText = (what: string, max: number) =>
  z
    .string()
    .trim()
    .max(max, `${what} is at most ${max.toLocaleString("en-US")} characters.`);

export const declareIncidentSchema = z.object({
  idempotencyKey: idempotencyKeySchema,
  practiceId,
  title: shortText("The title", 200),
  /** Empty only when the practice has no map yet: then the title says what is down. */
  systemIds: z
    .array(z.uuid("Choose systems from the dependency map."))
    .max(50, "At most 50 systems."),
  severity: z.enum(
    incidentSeverities.map(([value]) => value) as [IncidentSeverity, ...IncidentSeverity[]],
    "Choose a severity.",
  ),
  patientCareInterrupted: z.boolean("Say whether patient care is interrupted."),
  startedAt: moment("when the outage started"),
  /** Empty: the plan's outage owner. */
  ownerName: shortText("The owner's name", 120),
  updateEveryMinutes: z
    .number("Enter minutes.")
    .int("Whole minutes.")
    .min(5, "Updates can be promised every 5 minutes at most often.")
    .max(1440, "Promise an update at least once a day."),
  /** Declared from the monitors' suspected outage: it is linked to the incident. */
  suspectedOutageId: z.uuid("Unknown suspected outage.").optional(),
  /**
   * The practice already has an open outage and the person confirmed this is a separate one.
   * Without it, declaring while one is open is refused (CONFLICT, naming the open outage).
   */
  confirmDuplicate: z.boolean().optional(),
});
export type DeclareIncidentInput = z.input<typeof declareIncidentSchema>;

export const incidentRefSchema = z.object({ practiceId, incidentId });

export const practiceRefSchema = z.object({ practiceId });

/** Closes the incident as a duplicate of another outage at the same practice. */
export const markDuplicateSchema = incidentRefSchema.extend({
  duplicateOfIncidentId: z.uuid("Choose the outage this one duplicates."),
  version: documentVersion,
});

/** The open outage a declaration would duplicate: what the CONFLICT answer carries in data.openOutage. */
export type OpenOutage = {
  id: string;
  practiceId: string;
  title: string;
  startedAt: string;
  ageMinutes: number;
};

export const changeStatusSchema = incidentRefSchema.extend({
  status: z.enum(
    incidentStatuses as unknown as [IncidentStatus, ...IncidentStatus[]],
    "Choose a status.",
  ),
  note: shortText("The note", 2000),
  version: documentVersion,
});

/** How far ahead of the server's clock a device's time of writing may be (clocks drift a little). */
export const WRITTEN_AT_SKEW_MS = 5 * 60_000;
/**
 * How old something written on a device while offline may be when it reaches Standby. Less than
 * the day the server keeps a request's key (housekeeping), so a resend of something that did arrive
 * is always recognised and never saved twice.
 */
export const WRITTEN_AT_MAX_AGE_HOURS = 23;

/**
 * When the author wrote an update or a paper record that waited on their device for the connection
 * (sent only by the queue). Checked against the server's clock when the request arrives.
 */
export const writtenAtSchema = z.coerce
  .date("The time it was written is not a date.")
  .refine(
    (at) => at.getTime() <= Date.now() + WRITTEN_AT_SKEW_MS,
    "The time it was written is in the future: check this device's clock, then send it again.",
  )
  .refine(
    (at) => at.getTime() >= Date.now() - WRITTEN_AT_MAX_AGE_HOURS * 3_600_000,
    `It was written more than ${WRITTEN_AT_MAX_AGE_HOURS} hours ago: Standby can no longer tell whether it already arrived. Check the timeline, then post it again if it is missing.`,
  )
  .optional();

export const postUpdateSchema = incidentRefSchema.extend({
  idempotencyKey: idempotencyKeySchema,
  writtenAt: writtenAtSchema,
  body: z
    .string()
    .trim()
    .min(1, "Write the update.")
    .max(4000, "Updates are at most 4,000 characters."),
  /** On a linked incident: post to every incident of the vendor-wide outage. */
  shareWithLinked: z.boolean().default(true),
});

export const triageSchema = incidentRefSchema.extend({
  checks: z
    .array(z.object({ check: z.enum(triageChecks), answer: z.enum(triageAnswers) }))
    .max(triageChecks.length),
  otherCloudAppsWork: z.enum(otherCloudAppsAnswers),
  planSteps: z.array(z.object({ text: z.string().max(500), done: z.boolean() })).max(30),
  /** The scope the owner confirms (the suggestion, or their own judgement). */
  scope: z.enum(suspectedScopes, "Choose local, vendor-wide or unknown."),
  version: documentVersion,
});

export const incidentSettingsSchema = incidentRefSchema.extend({
  ownerName: z.string().trim().min(1, "Name the outage owner.").max(120),
  ownerPhone: shortText("The phone", 40),
  updateEveryMinutes: declareIncidentSchema.shape.updateEveryMinutes,
  patientCareInterrupted: z.boolean(),
  severity: declareIncidentSchema.shape.severity,
  version: documentVersion,
});

export const openTicketSchema = incidentRefSchema.extend({
  vendorId: z.uuid("Choose the vendor."),
  ticketNumber: z
    .string()
    .trim()
    .min(1, "Enter the vendor's ticket number.")
    .max(80, "Ticket numbers are at most 80 characters."),
  openedAt: moment("when the ticket was opened"),
  etaAt: moment("the vendor's ETA").nullable(),
});
export const ticketRefSchema = incidentRefSchema.extend({ ticketId: z.uuid("Unknown ticket.") });
export const escalateTicketSchema = ticketRefSchema.extend({
  level: z.number().int().min(1, "Choose the level reached.").max(10),
  contactName: shortText("The contact", 120),
  escalatedAt: moment("when it was escalated"),
});
export const setEtaSchema = ticketRefSchema.extend({
  etaAt: moment("the vendor's ETA").nullable(),
});

export const checkItemSchema = incidentRefSchema.extend({
  itemId: z.uuid("Unknown checklist item."),
  checked: z.boolean(),
});

export const logEntryFieldsSchema = z.object({
  patient: z
    .string()
    .trim()
    .min(1, "Enter the patient's name or identifier.")
    .max(200, "At most 200 characters."),
  visitDate: z.iso.date("Enter the visit date."),
  provider: z.string().trim().min(1, "Enter the provider.").max(120, "At most 120 characters."),
  reason: shortText("The reason for visit", 1000),
  orders: shortText("Orders", 2000),
  followUp: shortText("Follow-up", 2000),
});
export const addLogEntrySchema = incidentRefSchema.extend({
  ...logEntryFieldsSchema.shape,
  idempotencyKey: idempotencyKeySchema,
  writtenAt: writtenAtSchema,
});
export const logEntryRefSchema = incidentRefSchema.extend({
  entryId: z.uuid("Unknown log entry."),
  version: documentVersion,
});

export const closeIncidentSchema = incidentRefSchema.extend({
  overrideReason: z.string().trim().max(2000).optional(),
  version: documentVersion,
});

export const postIncidentReviewSchema = incidentRefSchema.extend({
  cause: z.enum(
    incidentCauses.map(([value]) => value) as [IncidentCause, ...IncidentCause[]],
    "Choose the cause.",
  ),
  wentWell: shortText("What went well", 4000),
  toChange: shortText("What to change", 4000),
  version: documentVersion,
});

export const listIncidentsSchema = z.object({
  practiceId: z.uuid("Unknown practice.").optional(),
  status: z.enum(["open", "resolved", "closed", "all"]).default("all"),
  vendorId: z.uuid("Unknown vendor.").optional(),
  from: z.iso.date("Use a date like 2026-11-01.").optional(),
  to: z.iso.date("Use a date like 2026-11-30.").optional(),
  page: z.number().int().min(1).max(10_000).default(1),
  pageSize: z.number().int().min(1).max(100).default(25),
});

export const linkIncidentsSchema = z.object({
  vendorId: z.uuid("Unknown vendor."),
  incidentIds: z.array(z.uuid("Unknown incident.")).min(2, "Link at least two incidents.").max(200),
});
