import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createHmac,
  hkdfSync,
  randomBytes,
} from "node:crypto";

/**
 * Patient data of the schedule copy (name, phone, email, birth date) is stored encrypted:
 * AES-256-GCM under a key derived (HKDF-SHA256) from PATIENT_DATA_KEY, its own secret, so neither a
 * copy of the database nor AUTH_SECRET alone reveals a patient. The practice and the field are bound
 * in as associated data: a value copied onto another practice's row or into another column fails to
 * open instead of showing the wrong patient.
 *
 * Rotation: each value names the key it was sealed with ("p1.<key id>.<iv>.<ciphertext+tag>").
 * Set the new PATIENT_DATA_KEY and move the old one to PATIENT_DATA_PREVIOUS_KEYS: values sealed
 * with it still open, every value written from then on (each sync rewrites what is not under the
 * current key) uses the new one, and after the retention period (at most 14 days) nothing sealed
 * with the old key is left and it can be dropped.
 */
const VERSION = "p1";

export type PatientKeyRing = { current: PatientKey; previous: PatientKey[] };
type PatientKey = { id: string; key: Buffer };

function patientKey(material: string): PatientKey {
  const key = Buffer.from(
    hkdfSync("sha256", material, "standby patient data", "patient-box v1", 32),
  );
  const id = createHash("sha256").update(key).digest("base64url").slice(0, 8);
  return { id, key };
}

export function patientKeyRing(current: string, previous: readonly string[] = []): PatientKeyRing {
  return { current: patientKey(current), previous: previous.map(patientKey) };
}

/** The associated data: which practice and which field a value belongs to. */
export const patientField = (practiceId: string, field: string) => `${practiceId}:${field}`;

export function sealPatientValue(ring: PatientKeyRing, boundTo: string, plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", ring.current.key, iv);
  cipher.setAAD(Buffer.from(boundTo));
  const sealed = Buffer.concat([cipher.update(plain, "utf8"), cipher.final(), cipher.getAuthTag()]);
  return [VERSION, ring.current.id, iv.toString("base64url"), sealed.toString("base64url")].join(
    ".",
  );
}

/** The value, or null when it does not open (a key no longer configured, another row, or altered). */
export function openPatientValue(
  ring: PatientKeyRing,
  boundTo: string,
  stored: string,
): string | null {
  const [version, keyId, iv, sealed] = stored.split(".");
  if (version !== VERSION || !keyId || !iv || !sealed) return null;
  const key = [ring.current, ...ring.previous].find((candidate) => candidate.id === keyId);
  if (!key) return null;
  try {
    const bytes = Buffer.from(sealed, "base64url");
    const decipher = createDecipheriv("aes-256-gcm", key.key, Buffer.from(iv, "base64url"));
    decipher.setAAD(Buffer.from(boundTo));
    decipher.setAuthTag(bytes.subarray(bytes.length - 16));
    return Buffer.concat([decipher.update(bytes.subarray(0, -16)), decipher.final()]).toString(
      "utf8",
    );
  } catch {
    return null;
  }
}

/** Whether a stored value was sealed with the current key (a sync rewrites those that were not). */
export const sealedWithCurrentKey = (ring: PatientKeyRing, stored: string) =>
  stored.split(".")[1] === ring.current.id;

/**
 * A keyed hash of a phone number or email address (normalised first by the caller): opt-outs and
 * replies are matched on it without keeping the address itself. Keyed with the current patient-data
 * key, so it cannot be reversed by hashing guessed numbers; a key rotation starts new hashes (opt-outs
 * are also matched on the previous keys' hashes, see addressHashes).
 */
export function addressHash(ring: PatientKeyRing, address: string): string {
  return hashWith(ring.current, address);
}

/** The hashes of an address under every configured key, newest first. */
export function addressHashes(ring: PatientKeyRing, address: string): string[] {
  return [ring.current, ...ring.previous].map((key) => hashWith(key, address));
}

function hashWith(key: PatientKey, address: string): string {
  return createHmac("sha256", key.key).update(`address:${address}`).digest("base64url");
}
