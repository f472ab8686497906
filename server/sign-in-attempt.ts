import "server-only";
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { CredentialsSignin } from "next-auth";
import { signIn } from "@/server/auth";
import { safeRedirectPath } from "@/server/domain/safe-redirect";

export type SignInOutcome = { ok: false; secondFactor: boolean; message: string };

function messageFor(code: string): string {
  const throttled = /^throttled-(\d+)$/.exec(code);
  if (throttled) {
    const minutes = Number(throttled[1]);
    return `Too many failed sign-ins. Wait ${minutes} minute${minutes === 1 ? "" : "s"} and try again.`;
  }
  if (code === "two-factor") return "Enter the code from your authenticator app, or one of your recovery codes.";
  if (code === "bad-code") return "That code is not right. Enter the code your app shows now, or a recovery code you have not used.";
  return "That email and password do not match an account. Check them and try again.";
}

/**
 * Signs in and redirects (the redirect travels as an exception: call this from a server action and
 * let it through); on failure answers a message that never says whether the email exists, and
 * whether the form should ask for the two-factor code.
 */
export async function attemptSignIn(input: { email: string; password: string; code?: string; callbackUrl?: string }): Promise<SignInOutcome> {
  const code = (input.code ?? "").trim().slice(0, 40);
  try {
    await signIn("credentials", { email: input.email, password: input.password, ...(code ? { code } : {}), redirectTo: safeRedirectPath(input.callbackUrl) });
  } catch (error) {
    if (error instanceof CredentialsSignin) {
      if (error.code === "two-factor") return { ok: false, secondFactor: true, message: code ? messageFor(error.code) : "" };
      return { ok: false, secondFactor: error.code === "bad-code", message: messageFor(error.code) };
    }
    throw error;
  }
  // signIn redirects on success; reaching here means it did not.
  return { ok: false, secondFactor: false, message: messageFor("invalid") };
}

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
  const body = Buffer.concat([cipher.update(JSON.stringify({ email, password, until: now + pendingMinutes * 60_000 }), "utf8"), cipher.final()]);
  return [iv, cipher.getAuthTag(), body].map((part) => part.toString("base64url")).join(".");
}

/** The email and password, or null when the value was altered, sealed under another key, or is too old. */
export function openPendingSignIn(sealed: string, now = Date.now()): { email: string; password: string } | null {
  const [iv, tag, body] = sealed.split(".");
  if (!iv || !tag || body === undefined || sealed.length > 2000) return null;
  try {
    const decipher = createDecipheriv("aes-256-gcm", pendingKey(), Buffer.from(iv, "base64url"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    const value = JSON.parse(Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8")) as {
      email?: unknown;
      password?: unknown;
      until?: unknown;
    };
    if (typeof value.email !== "string" || typeof value.password !== "string" || typeof value.until !== "number" || value.until < now) return null;
    return { email: value.email, password: value.password };
  } catch {
    return null;
  }
}
