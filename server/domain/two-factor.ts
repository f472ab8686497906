/**
 * Two-factor sign-in rules. Pure: randomness and the clock are passed in.
 *
 * Recovery codes are 16 characters of a 31-letter alphabet (about 79 bits), shown as four groups of four.
 * Because they are that random, a plain SHA-256 is enough to store them: a slow password hash exists
 * to protect guessable secrets, and nothing here is guessable. SHA-256 also lets sign-in find the one
 * matching code with an index lookup instead of running argon2 against all ten.
 */

import type { Role } from "@/server/permissions";

export const recoveryCodeCount = 10;
/** Re-authentication (password, plus a code when two-factor is on) stays good for this long. */
export const reauthMinutes = 10;
/** A TOTP code is accepted 30 s either side of now (one step), for clocks that drift a little. */
export const totpToleranceSeconds = 30;

// No 0/o, 1/l/i: easy to read back from paper.
const alphabet = "abcdefghjkmnpqrstuvwxyz23456789";

/** A recovery code from 16 random bytes ("abcd-efgh-jkmn-pqrs"). */
export function recoveryCodeFrom(randomBytes: Uint8Array): string {
  if (randomBytes.length < 16) throw new Error("A recovery code needs 16 random bytes.");
  const letters = Array.from(randomBytes.slice(0, 16), (byte) => alphabet[byte % alphabet.length]!);
  return [0, 4, 8, 12].map((start) => letters.slice(start, start + 4).join("")).join("-");
}

/** What a person typed, as stored: lower case, no spaces or dashes. */
export function normalizeRecoveryCode(input: string): string {
  return input.toLowerCase().replace(/[\s-]/g, "");
}

export type SecondFactorInput =
  { kind: "totp"; code: string } | { kind: "recovery"; code: string } | { kind: "malformed" };

/** Six digits (spaces allowed) are an authenticator code; 16 letters of the alphabet are a recovery code. */
export function classifySecondFactor(input: string): SecondFactorInput {
  const digits = input.replace(/\s/g, "");
  if (/^\d{6}$/.test(digits)) return { kind: "totp", code: digits };
  const recovery = normalizeRecoveryCode(input);
  if (recovery.length === 16 && [...recovery].every((letter) => alphabet.includes(letter)))
    return { kind: "recovery", code: recovery };
  return { kind: "malformed" };
}

/** Roles the MSP setting applies to: the people who can see and change every practice. */
export function twoFactorRequiredFor(role: Role, mspRequiresTwoFactor: boolean): boolean {
  return mspRequiresTwoFactor && (role === "admin" || role === "technician");
}

export function mustEnrolTwoFactor(
  role: Role,
  mspRequiresTwoFactor: boolean,
  twoFactorEnabled: boolean,
): boolean {
  return twoFactorRequiredFor(role, mspRequiresTwoFactor) && !twoFactorEnabled;
}

/** Whether a re-authentication at `at` still allows a sensitive change at `now`. */
export function reauthIsFresh(at: Date | null, now: Date, minutes = reauthMinutes): boolean {
  if (!at) return false;
  const age = now.getTime() - at.getTime();
  return age >= -60_000 && age < minutes * 60_000;
}
