import "server-only";
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { env } from "@/server/env";

/**
 * Encryption at rest for TOTP secrets.
 *
 * Why encrypt: unlike a password, a TOTP secret must be read back to check a code, so it cannot be
 * hashed. Stored in the clear, anyone who reads the users table (a leaked backup, a replica, a
 * mistaken query) could make valid codes for every account and two-factor would be worth nothing.
 * The key is derived from AUTH_SECRET, which lives in the app servers' environment and never in the
 * database, so the database alone is not enough.
 *
 * Why AES-256-GCM with HKDF: node:crypto provides both; GCM authenticates as well as encrypts, so a
 * ciphertext that was altered, or copied onto another user's row (the user id is bound in as
 * additional data), fails to open instead of yielding a wrong secret. HKDF gives a key used for this
 * purpose only, separate from the one that signs session cookies.
 *
 * Consequence: changing AUTH_SECRET makes stored TOTP secrets unreadable; those people then sign in
 * with a recovery code and enrol again ("Move to a new phone").
 */

const version = "v1";

function keyFor(secret: string): Buffer {
  if (secret.length < 16)
    throw new Error(
      "AUTH_SECRET must be set (at least 16 characters) to store two-factor secrets.",
    );
  return Buffer.from(hkdfSync("sha256", secret, "standby", "totp-secret-encryption-v1", 32));
}

export function seal(plaintext: string, boundTo: string, secret = env().AUTH_SECRET): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", keyFor(secret), iv);
  cipher.setAAD(Buffer.from(boundTo));
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [
    version,
    iv.toString("base64url"),
    cipher.getAuthTag().toString("base64url"),
    body.toString("base64url"),
  ].join(".");
}

/** The plaintext, or null when the value was altered, bound to someone else, or sealed under another key. */
export function unseal(sealed: string, boundTo: string, secret = env().AUTH_SECRET): string | null {
  const [tag, iv, authTag, body] = sealed.split(".");
  if (tag !== version || !iv || !authTag || body === undefined) return null;
  try {
    const decipher = createDecipheriv("aes-256-gcm", keyFor(secret), Buffer.from(iv, "base64url"));
    decipher.setAAD(Buffer.from(boundTo));
    decipher.setAuthTag(Buffer.from(authTag, "base64url"));
    return Buffer.concat([
      decipher.update(Buffer.from(body, "base64url")),
      decipher.final(),
    ]).toString("utf8");
  } catch {
    return null;
  }
}
