import "server-only";
import { emailAddress, smsNumber } from "@/server/domain/outreach";
import {
  addressHashes,
  openPatientValue,
  patientField,
  type PatientKeyRing,
} from "@/server/domain/patient-box";

/**
 * What a selection needs to know of a patient's sealed phone or email to decide who is written to,
 * without the address itself: whether it can be written to at all, and its keyed hashes under every
 * configured key (the opt-out check). Every preview of a selection needs this for all its patients
 * (500 of them: opening and hashing each costs about 20 µs), while only the page shown needs
 * addresses; so the facts are kept per sealed value in this process. A sealed value is unique (a
 * random IV) and changes whenever the copy rewrites it, so a kept fact never describes a changed
 * address. Never the address: only a yes/no and keyed hashes, which cannot be reversed without the
 * key. Forgotten when the key ring changes.
 */
export type ContactFacts = { usable: boolean; hashes: readonly string[] };

const LIMIT = 50_000;
const kept = new Map<string, ContactFacts>();
let keptFor: PatientKeyRing | null = null;

const nothing: ContactFacts = { usable: false, hashes: [] };

export function contactFacts(
  ring: PatientKeyRing,
  practiceId: string,
  field: "phone" | "email",
  sealed: string | null,
): ContactFacts {
  if (sealed === null) return nothing;
  if (keptFor !== ring) {
    kept.clear();
    keptFor = ring;
  }
  const key = `${practiceId}:${field}:${sealed}`;
  const known = kept.get(key);
  if (known) return known;
  const address = openContact(ring, practiceId, field, sealed);
  const facts = address ? { usable: true, hashes: addressHashes(ring, address) } : nothing;
  // Oldest first out, once full.
  if (kept.size >= LIMIT) kept.delete(kept.keys().next().value!);
  kept.set(key, facts);
  return facts;
}

/** The normalised address of a sealed phone (E.164) or email, or null when it cannot be written to. */
export function openContact(
  ring: PatientKeyRing,
  practiceId: string,
  field: "phone" | "email",
  sealed: string | null,
): string | null {
  if (sealed === null) return null;
  const plain = openPatientValue(ring, patientField(practiceId, field), sealed);
  return field === "phone" ? smsNumber(plain) : emailAddress(plain);
}
