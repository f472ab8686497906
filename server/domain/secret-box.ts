import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";

/**
 * Secrets Standby keeps for a channel (an SMTP password, a webhook's signing secret, an SMS token)
 * are stored encrypted: AES-256-GCM with a key derived (HKDF-SHA256) from SECRETS_KEY, or from
 * AUTH_SECRET when that is not set. A copy of the database alone does not reveal them, and a
 * stored value changed in place fails to open instead of being used.
 *
 * Stored as "v1.<iv>.<ciphertext+tag>" (base64url). The purpose (e.g. "channel:<id>") is bound in as
 * associated data, so one channel's secret copied onto another does not open there.
 */
const VERSION = "v1";

export function secretKey(keyMaterial: string): Buffer {
  return Buffer.from(hkdfSync("sha256", keyMaterial, "standby secrets", "secret-box v1", 32));
}

export function sealSecret(key: Buffer, purpose: string, plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(purpose));
  const sealed = Buffer.concat([cipher.update(plain, "utf8"), cipher.final(), cipher.getAuthTag()]);
  return [VERSION, iv.toString("base64url"), sealed.toString("base64url")].join(".");
}

/** The secret, or null when it does not open (another key, another purpose, or altered). */
export function openSecret(key: Buffer, purpose: string, stored: string): string | null {
  const [version, iv, sealed] = stored.split(".");
  if (version !== VERSION || !iv || !sealed) return null;
  try {
    const bytes = Buffer.from(sealed, "base64url");
    const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
    decipher.setAAD(Buffer.from(purpose));
    decipher.setAuthTag(bytes.subarray(bytes.length - 16));
    return Buffer.concat([decipher.update(bytes.subarray(0, -16)), decipher.final()]).toString(
      "utf8",
    );
  } catch {
    return null;
  }
}

/** What the browser is shown of a saved secret: never the secret, only that one is set and its end. */
export function maskedSecret(plain: string): string {
  return plain.length <= 8 ? "••••••••" : `••••••••${plain.slice(-4)}`;
}
