import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import * as common from "@zxcvbn-ts/language-common";
import * as english from "@zxcvbn-ts/language-en";

const zxcvbn = new ZxcvbnFactory({
  dictionary: { ...common.dictionary, ...english.dictionary },
  graphs: common.adjacencyGraphs,
  translations: english.translations,
});

/**
 * zxcvbn's time grows steeply with length: a 128-character phrase took seconds of CPU, on a public
 * endpoint (accepting an invitation). 64 characters are judged in a few tens of milliseconds, and a
 * password whose first 64 characters are unguessable is unguessable.
 */
export const STRENGTH_CHECKED_LENGTH = 64;

/**
 * Refuses common and easily guessed passwords: anything built from the common-password and
 * English dictionaries that zxcvbn scores below 3 ("safely unguessable"). Null when acceptable.
 */
export function passwordWeakness(password: string, userInputs: string[] = []): string | null {
  if (mostlyPersonal(password, userInputs))
    return "This password is too easy to guess: it is built from personal details (your name or email). Use a phrase of unrelated words.";
  const result = zxcvbn.check(password.slice(0, STRENGTH_CHECKED_LENGTH), userInputs);
  if (result.score >= 3) return null;
  return result.feedback.warning
    ? `This password is too easy to guess: ${result.feedback.warning.replace(/\.$/, "").toLowerCase()}. Use a longer phrase of unrelated words.`
    : "This password is too easy to guess. Use a longer phrase of unrelated words.";
}

/**
 * zxcvbn prices separators as brute force, so "priya.shah.lakeside" passes for Priya Shah. Here:
 * once her own words are taken out, fewer than 8 characters of anything else remain.
 */
function mostlyPersonal(password: string, userInputs: string[]): boolean {
  let rest = password.toLowerCase();
  const words = userInputs
    .map((word) => word.toLowerCase())
    .filter((word) => word.length >= 3 && !word.includes(" "));
  for (const word of words.sort((a, b) => b.length - a.length)) rest = rest.replaceAll(word, "");
  return (
    words.length > 0 &&
    rest !== password.toLowerCase() &&
    rest.replace(/[^\p{L}\p{N}]/gu, "").length < 8
  );
}

/** Words of the person's own email and name, which make a password easy to guess for them. */
export function personalWords(email: string, name: string): string[] {
  return [email, name, ...email.split(/[@._+-]/), ...name.split(/\s+/)].filter(
    (word) => word.length >= 3,
  );
}
