import "server-only";
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";

/**
 * While the form asks for the two-factor code, the email and password it already checked travel
 * with it sealed (AES-256-GCM under a key derived from AUTH_SECRET for this purpose only), never in
 * a URL and never readable in the page: the code step works without the page's JavaScript, and the
 * server still creates no session until email, password and code pass together. Ten minutes.
 */
const pendingMinutes = 10;

function pendingKey(): Buffer {
  const secret = process.env.AUTH_SECRET ?? "";
  if (secret.length < 16) throw new Error("AUTH_SECRET must be set (at least 16 characters).");
  return Buffer.from(hkdfSync("sha256", secret, "standby", "pending-sign-in-v1", 32));
}

export function sealPendingSignIn(email: string, password: string, now = Date.now()): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", pendingKey(), iv);
  const body = Buffer.concat([
    cipher.update(
      JSON.stringify({ email, password, until: now + pendingMinutes * 60_000 }),
      "utf8",
    ),
    cipher.final(),
  ]);
  return [iv, cipher.getAuthTag(), body].map((part) => part.toString("base64url")).join(".");
}

/** The email and password, or null when the value was altered, sealed under another key, or is too old. */
export function openPendingSignIn(
  sealed: string,
  now = Date.now(),
): { email: string; password: string } | null {
  const [iv, tag, body] = sealed.split(".");
  if (!iv || !tag || body === undefined || sealed.length > 2000) return null;
  try {
    const decipher = createDecipheriv("aes-256-gcm", pendingKey(), Buffer.from(iv, "base64url"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    const value = JSON.parse(
      Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString(
        "utf8",
      ),
    ) as {
      email?: unknown;
      password?: unknown;
      until?: unknown;
    };
    if (
      typeof value.email !== "string" ||
      typeof value.password !== "string" ||
      typeof value.until !== "number" ||
      value.until < now
    )
      return null;
    return { email: value.email, password: value.password };
  } catch {
    return null;
  }
}
