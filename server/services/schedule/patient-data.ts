import "server-only";
import {
  addressHash,
  addressHashes,
  openPatientValue,
  patientField,
  patientKeyRing,
  sealPatientValue,
  type PatientKeyRing,
} from "@/server/domain/patient-box";
import { env } from "@/server/env";
import { InvalidError } from "@/server/errors";

let cached: { source: string; raw: string; ring: PatientKeyRing } | undefined;

/** The patient-data key ring from PATIENT_DATA_KEY (and PATIENT_DATA_PREVIOUS_KEYS), derived once. */
export function patientDataKeys(): PatientKeyRing {
  // Called for every value opened (a day of 500 patients opens 1,500): the two variables as they are
  // tell whether the ring is still the one derived; the whole environment is read only when not.
  const raw = `${process.env.PATIENT_DATA_KEY ?? ""}\0${process.env.PATIENT_DATA_PREVIOUS_KEYS ?? ""}`;
  if (cached?.raw === raw) return cached.ring;
  const { PATIENT_DATA_KEY, PATIENT_DATA_PREVIOUS_KEYS } = env();
  if (!PATIENT_DATA_KEY)
    throw new InvalidError(
      "Standby cannot keep a schedule copy: PATIENT_DATA_KEY is not set. Set it on every app server and worker (at least 32 random characters, e.g. `openssl rand -base64 32`).",
    );
  const source = `${PATIENT_DATA_KEY}\0${PATIENT_DATA_PREVIOUS_KEYS ?? ""}`;
  if (cached?.source !== source) {
    const previous = (PATIENT_DATA_PREVIOUS_KEYS ?? "")
      .split(",")
      .map((key) => key.trim())
      .filter(Boolean);
    cached = { source, raw, ring: patientKeyRing(PATIENT_DATA_KEY, previous) };
  }
  cached.raw = raw;
  return cached.ring;
}

export type PatientValueField =
  | "name"
  | "phone"
  | "email"
  | "birthDate"
  | "walkInName"
  | "walkInPhone"
  /** A patient's text back (outreach_replies): the number it came from, its text, the front desk's answers. */
  | "replyFrom"
  | "replyText"
  | "replyAnswers"
  | "outreachTo"
  | "outreachBody";

export function sealPatient(practiceId: string, field: PatientValueField, plain: string): string;
export function sealPatient(
  practiceId: string,
  field: PatientValueField,
  plain: string | null,
): string | null;
export function sealPatient(practiceId: string, field: PatientValueField, plain: string | null) {
  return plain === null
    ? null
    : sealPatientValue(patientDataKeys(), patientField(practiceId, field), plain);
}

/** The value; a value that no longer opens (its key was dropped) reads as a placeholder, never as an error page. */
export function openPatient(
  practiceId: string,
  field: PatientValueField,
  stored: string | null,
): string | null {
  if (stored === null) return null;
  return (
    openPatientValue(patientDataKeys(), patientField(practiceId, field), stored) ??
    "(unreadable: key changed)"
  );
}

/**
 * openPatient for many values of one practice (a day's schedule): the key ring is read once, not
 * once for each of the hundreds of values opened.
 */
export function patientOpener(practiceId: string) {
  const ring = patientDataKeys();
  return (field: PatientValueField, stored: string | null): string | null =>
    stored === null
      ? null
      : (openPatientValue(ring, patientField(practiceId, field), stored) ??
        "(unreadable: key changed)");
}

/** The keyed hash an address (phone or email, normalised) is matched on: opt-outs, replies. */
export const addressHashOf = (address: string) => addressHash(patientDataKeys(), address);
/** Its hashes under every configured key (an opt-out made before a key rotation still counts). */
export const addressHashesOf = (address: string) => addressHashes(patientDataKeys(), address);
