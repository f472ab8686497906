import { z } from "zod";
import {
  appointmentStatuses,
  type AppointmentStatus,
  type ScheduleAppointmentRecord,
  type SchedulePatientRecord,
  type ScheduleSnapshot,
} from "./schedule-copy";

/**
 * What a FHIR R4 server's search answers mean for the schedule copy: the shapes Standby accepts
 * (zod, keeping only the fields continuity needs) and how Appointment, Patient, Practitioner and
 * Location resources become the records of schedule-copy.ts. Pure; fetching is
 * server/services/schedule/fhir-client.ts.
 *
 * A resource that breaks its shape makes the whole answer unusable (FhirAnswerError): a copy is
 * applied whole or not at all. Messages name the entry and the field, never a value, so no patient
 * data reaches a log or an error shown to anyone.
 */

export class FhirAnswerError extends Error {}

const fhirId = z.string().regex(/^[A-Za-z0-9\-.]{1,64}$/);
const meta = z.object({ versionId: z.string().optional() });
const coding = z.object({
  system: z.string().optional(),
  code: z.string().optional(),
  display: z.string().optional(),
});
const codeableConcept = z.object({
  coding: z.array(coding).optional(),
  text: z.string().optional(),
});
const reference = z.object({
  reference: z.string().optional(),
  type: z.string().optional(),
  display: z.string().optional(),
});
const period = z.object({ start: z.string().optional(), end: z.string().optional() });
const humanName = z.object({
  use: z.string().optional(),
  text: z.string().optional(),
  family: z.string().optional(),
  given: z.array(z.string()).optional(),
  prefix: z.array(z.string()).optional(),
  period: period.optional(),
});
const contactPoint = z.object({
  system: z.string().optional(),
  value: z.string().optional(),
  use: z.string().optional(),
  rank: z.number().int().positive().optional(),
  period: period.optional(),
});
const instant = z.iso.datetime({ offset: true });

export const fhirAppointmentSchema = z.object({
  resourceType: z.literal("Appointment"),
  id: fhirId,
  meta: meta.optional(),
  status: z.enum(appointmentStatuses),
  start: instant.optional(),
  end: instant.optional(),
  minutesDuration: z.number().int().nonnegative().optional(),
  appointmentType: codeableConcept.optional(),
  serviceType: z.array(codeableConcept).optional(),
  participant: z
    .array(
      z.object({
        actor: reference.optional(),
        type: z.array(codeableConcept).optional(),
        status: z.string().optional(),
      }),
    )
    .min(1),
});
export type FhirAppointment = z.infer<typeof fhirAppointmentSchema>;

export const fhirPatientSchema = z.object({
  resourceType: z.literal("Patient"),
  id: fhirId,
  meta: meta.optional(),
  name: z.array(humanName).optional(),
  telecom: z.array(contactPoint).optional(),
  birthDate: z
    .string()
    .regex(/^\d{4}(-\d{2}(-\d{2})?)?$/)
    .optional(),
  communication: z
    .array(z.object({ language: codeableConcept, preferred: z.boolean().optional() }))
    .optional(),
});
export type FhirPatient = z.infer<typeof fhirPatientSchema>;

export const fhirPractitionerSchema = z.object({
  resourceType: z.literal("Practitioner"),
  id: fhirId,
  name: z.array(humanName).optional(),
});
export type FhirPractitioner = z.infer<typeof fhirPractitionerSchema>;

export const fhirLocationSchema = z.object({
  resourceType: z.literal("Location"),
  id: fhirId,
  name: z.string().optional(),
  alias: z.array(z.string()).optional(),
});
export type FhirLocation = z.infer<typeof fhirLocationSchema>;

export const fhirBundleSchema = z.object({
  resourceType: z.literal("Bundle"),
  type: z.string(),
  total: z.number().int().nonnegative().optional(),
  link: z.array(z.object({ relation: z.string(), url: z.string() })).optional(),
  entry: z
    .array(
      z.object({
        fullUrl: z.string().optional(),
        resource: z.looseObject({ resourceType: z.string() }),
        search: z.object({ mode: z.string().optional() }).optional(),
      }),
    )
    .optional(),
});
export type FhirBundle = z.infer<typeof fhirBundleSchema>;

const resourceSchemas = {
  Appointment: fhirAppointmentSchema,
  Patient: fhirPatientSchema,
  Practitioner: fhirPractitionerSchema,
  Location: fhirLocationSchema,
} as const;
type KeptType = keyof typeof resourceSchemas;
const isKeptType = (type: string): type is KeptType => Object.hasOwn(resourceSchemas, type);

const valueAt = (input: unknown, path: readonly PropertyKey[]): unknown =>
  path.reduce<unknown>(
    (value, key) =>
      value && typeof value === "object" ? (value as Record<PropertyKey, unknown>)[key] : undefined,
    input,
  );

/** Where a zod issue is and what is wrong, without the value. */
function issueText(issue: z.core.$ZodIssue, input: unknown): string {
  const where = issue.path.length
    ? issue.path
        .map((part) => (typeof part === "number" ? `[${part}]` : `.${String(part)}`))
        .join("")
        .replace(/^\./, "")
    : "the resource";
  if (valueAt(input, issue.path) === undefined) return `${where} is missing`;
  if (issue.code === "invalid_type") return `${where} is not a ${issue.expected}`;
  if (issue.code === "invalid_value") return `${where} has a value FHIR R4 does not allow there`;
  if (issue.code === "invalid_format") return `${where} is not in the format FHIR R4 requires`;
  return `${where} is not valid (${issue.code})`;
}

/** A search answer's JSON as a Bundle; throws FhirAnswerError saying what is not a Bundle about it. */
export function parseBundle(json: unknown): FhirBundle {
  const resourceType =
    json && typeof json === "object"
      ? (json as { resourceType?: unknown }).resourceType
      : undefined;
  if (resourceType === "OperationOutcome")
    throw new FhirAnswerError("The server answered with an OperationOutcome instead of a Bundle.");
  const parsed = fhirBundleSchema.safeParse(json);
  if (!parsed.success)
    throw new FhirAnswerError(
      `The answer is not a FHIR Bundle: ${issueText(parsed.error.issues[0]!, json)}.`,
    );
  return parsed.data;
}

/** The URL of the next page (Bundle.link[relation=next]), or null on the last page. */
export function nextPageUrl(bundle: FhirBundle): string | null {
  return bundle.link?.find((link) => link.relation === "next")?.url ?? null;
}

/**
 * The id a reference points at when it is a resource of the given type: "Patient/123",
 * "https://ehr.example/fhir/Patient/123", "Patient/123/_history/4". Contained ("#p1") and
 * logical (identifier-only) references point at nothing Standby can read.
 */
export function referencedId(
  ref: { reference?: string; type?: string } | undefined,
  type: KeptType,
): string | null {
  const text = ref?.reference;
  if (!text) return null;
  const match = /(?:^|\/)([A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})(?:\/_history\/[^/]+)?$/.exec(text);
  return match && match[1] === type ? match[2]! : null;
}

/** Every resource read for one window, by id; pages and batched reads add to it. */
export type ScheduleResources = {
  appointments: Map<string, FhirAppointment>;
  patients: Map<string, FhirPatient>;
  practitioners: Map<string, FhirPractitioner>;
  locations: Map<string, FhirLocation>;
};

export const emptyScheduleResources = (): ScheduleResources => ({
  appointments: new Map(),
  patients: new Map(),
  practitioners: new Map(),
  locations: new Map(),
});

/**
 * Adds a page's resources (matches and includes alike); other resource types (an OperationOutcome
 * with warnings, a PractitionerRole) are passed over. Throws FhirAnswerError on the first resource
 * that breaks its shape. Returns how many Appointments the page carried.
 */
export function addBundle(resources: ScheduleResources, bundle: FhirBundle): number {
  let appointments = 0;
  for (const [index, entry] of (bundle.entry ?? []).entries()) {
    const type = entry.resource.resourceType;
    if (!isKeptType(type)) continue;
    const parsed = resourceSchemas[type].safeParse(entry.resource);
    if (!parsed.success)
      throw new FhirAnswerError(
        `Entry ${index + 1} (${type}) is incomplete: ${issueText(parsed.error.issues[0]!, entry.resource)}.`,
      );
    const resource = parsed.data;
    switch (resource.resourceType) {
      case "Appointment":
        appointments += 1;
        resources.appointments.set(resource.id, resource);
        break;
      case "Patient":
        resources.patients.set(resource.id, resource);
        break;
      case "Practitioner":
        resources.practitioners.set(resource.id, resource);
        break;
      case "Location":
        resources.locations.set(resource.id, resource);
        break;
    }
  }
  return appointments;
}

const participantOf = (appointment: FhirAppointment, type: KeptType) =>
  appointment.participant.filter(
    (participant) =>
      referencedId(participant.actor, type) !== null || participant.actor?.type === type,
  );

/** Patients, practitioners and locations the appointments refer to that no page included. */
export function missingReferences(resources: ScheduleResources): {
  patients: string[];
  practitioners: string[];
  locations: string[];
} {
  const missing = {
    patients: new Set<string>(),
    practitioners: new Set<string>(),
    locations: new Set<string>(),
  };
  const note = (into: Set<string>, known: Map<string, unknown>, id: string | null) => {
    if (id !== null && !known.has(id)) into.add(id);
  };
  for (const appointment of resources.appointments.values()) {
    for (const participant of appointment.participant) {
      note(missing.patients, resources.patients, referencedId(participant.actor, "Patient"));
      // A name already given by the participant is enough for a practitioner or a location.
      if (participant.actor?.display) continue;
      note(
        missing.practitioners,
        resources.practitioners,
        referencedId(participant.actor, "Practitioner"),
      );
      note(missing.locations, resources.locations, referencedId(participant.actor, "Location"));
    }
  }
  return {
    patients: [...missing.patients],
    practitioners: [...missing.practitioners],
    locations: [...missing.locations],
  };
}

type HumanName = z.infer<typeof humanName>;

const nameRank = (name: HumanName) =>
  ({ official: 0, usual: 1 })[name.use ?? ""] ??
  (name.use === "old" || name.use === "anonymous" ? 3 : 2);

/** The name to show: official, else usual, else any current one; its text, else given + family. */
export function displayName(names: HumanName[] | undefined, { withPrefix = false } = {}): string {
  const chosen = [...(names ?? [])].sort((a, b) => nameRank(a) - nameRank(b))[0];
  if (!chosen) return "";
  if (chosen.text?.trim()) return chosen.text.trim();
  return [
    ...(withPrefix ? (chosen.prefix ?? []) : []),
    ...(chosen.given ?? []),
    chosen.family ?? "",
  ]
    .map((part) => part.trim())
    .filter(Boolean)
    .join(" ");
}

type ContactPoint = z.infer<typeof contactPoint>;

/** The contact to reach someone on: a current one, by the use preferred, then by rank. */
function preferredContact(
  telecom: ContactPoint[] | undefined,
  systems: string[],
  useOrder: string[],
  now: Date,
): string | null {
  const current = (telecom ?? []).filter(
    (point) =>
      point.system !== undefined &&
      systems.includes(point.system) &&
      point.value?.trim() &&
      point.use !== "old" &&
      !(point.period?.end && Date.parse(point.period.end) < now.getTime()),
  );
  const useRank = (point: ContactPoint) => {
    const found = useOrder.indexOf(point.use ?? "");
    return found === -1 ? useOrder.length : found;
  };
  current.sort((a, b) => useRank(a) - useRank(b) || (a.rank ?? Infinity) - (b.rank ?? Infinity));
  return current[0]?.value?.trim() ?? null;
}

/** The preferred communication language's code (BCP-47 coding first), else its text. */
function preferredLanguage(patient: FhirPatient): string | null {
  const communications = patient.communication ?? [];
  const chosen = communications.find((entry) => entry.preferred) ?? communications[0];
  if (!chosen) return null;
  const codings = chosen.language.coding ?? [];
  const code =
    codings.find((entry) => entry.system === "urn:ietf:bcp:47" && entry.code)?.code ??
    codings.find((entry) => entry.code)?.code ??
    chosen.language.text;
  return code?.trim() || null;
}

export function patientRecord(patient: FhirPatient, now: Date): SchedulePatientRecord {
  return {
    resourceId: patient.id,
    versionId: patient.meta?.versionId ?? null,
    name: displayName(patient.name),
    phone: preferredContact(
      patient.telecom,
      ["phone", "sms"],
      ["mobile", "home", "", "work", "temp"],
      now,
    ),
    email: preferredContact(
      patient.telecom,
      ["email"],
      ["home", "", "mobile", "work", "temp"],
      now,
    ),
    preferredLanguage: preferredLanguage(patient),
    // A partial birth date (a year only) cannot be stored as a date.
    birthDate:
      patient.birthDate && /^\d{4}-\d{2}-\d{2}$/.test(patient.birthDate) ? patient.birthDate : null,
  };
}

const conceptText = (concept: z.infer<typeof codeableConcept> | undefined): string | null =>
  concept?.text?.trim() ||
  concept?.coding?.find((entry) => entry.display?.trim())?.display?.trim() ||
  null;

/** Appointments that need no time on the calendar: without a start they are passed over. */
const statusesWithoutTimes: readonly AppointmentStatus[] = ["proposed", "cancelled", "waitlist"];

/**
 * One appointment as kept, or null when it is not kept: no patient (a blocked slot), or no time
 * for a status that may have none. Names come from the included resource, else the participant's
 * display, else "" (the EHR named none).
 */
export function appointmentRecord(
  appointment: FhirAppointment,
  resources: Pick<ScheduleResources, "practitioners" | "locations">,
  entry: string,
): ScheduleAppointmentRecord | null {
  const patient = participantOf(appointment, "Patient")
    .map((participant) => referencedId(participant.actor, "Patient"))
    .find((id) => id !== null);
  if (!patient) return null;
  const timeless = statusesWithoutTimes.includes(appointment.status);
  if (!appointment.start) {
    if (timeless) return null;
    throw new FhirAnswerError(`${entry} is incomplete: start is missing.`);
  }
  const startsAt = new Date(appointment.start);
  let minutes = appointment.minutesDuration;
  if (minutes === undefined && appointment.end)
    minutes = Math.round((Date.parse(appointment.end) - startsAt.getTime()) / 60_000);
  if (minutes === undefined || minutes < 0) {
    if (!timeless)
      throw new FhirAnswerError(
        `${entry} is incomplete: neither end nor minutesDuration is given.`,
      );
    minutes = 0;
  }
  const names = (type: "Practitioner" | "Location") =>
    participantOf(appointment, type)
      .map((participant) => {
        const id = referencedId(participant.actor, type);
        const included =
          id === null
            ? ""
            : type === "Practitioner"
              ? displayName(resources.practitioners.get(id)?.name, { withPrefix: true })
              : (resources.locations.get(id)?.name ??
                resources.locations.get(id)?.alias?.[0] ??
                "");
        return included.trim() || participant.actor?.display?.trim() || "";
      })
      .filter(Boolean);
  return {
    resourceId: appointment.id,
    versionId: appointment.meta?.versionId ?? null,
    patientResourceId: patient,
    startsAt,
    minutes,
    providerName: [...new Set(names("Practitioner"))].join(", "),
    locationName: [...new Set(names("Location"))].join(", "),
    visitType:
      conceptText(appointment.appointmentType) ??
      appointment.serviceType?.map(conceptText).find((text) => text !== null) ??
      "",
    status: appointment.status,
  };
}

/**
 * The snapshot of a window: the appointments starting in it that have a patient, and exactly the
 * patients they refer to. Throws FhirAnswerError when a referred patient was never read (the copy
 * would otherwise show an appointment without its patient).
 */
export function scheduleSnapshot(
  resources: ScheduleResources,
  window: { from: Date; to: Date },
  now: Date,
): ScheduleSnapshot {
  const appointments: ScheduleAppointmentRecord[] = [];
  for (const appointment of resources.appointments.values()) {
    const record = appointmentRecord(appointment, resources, `Appointment/${appointment.id}`);
    if (!record) continue;
    const at = record.startsAt.getTime();
    // A server whose date search is looser than asked does not widen the copy.
    if (at < window.from.getTime() || at >= window.to.getTime()) continue;
    appointments.push(record);
  }
  appointments.sort(
    (a, b) =>
      a.startsAt.getTime() - b.startsAt.getTime() || a.resourceId.localeCompare(b.resourceId),
  );
  const patientIds = new Set(appointments.map((record) => record.patientResourceId!));
  const unread = [...patientIds].filter((id) => !resources.patients.has(id)).length;
  if (unread)
    throw new FhirAnswerError(
      `${unread} patient${unread === 1 ? "" : "s"} that appointments refer to could not be read.`,
    );
  return {
    from: window.from,
    to: window.to,
    appointments,
    patients: [...patientIds].map((id) => patientRecord(resources.patients.get(id)!, now)),
  };
}
