import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import * as common from "@zxcvbn-ts/language-common";
import * as english from "@zxcvbn-ts/language-en";

const zxcvbn = new ZxcvbnFactory({
  dictionary: { ...common.dictionary, ...english.dictionary },
  graphs: common.adjacencyGraphs,
  translations: english.translations,
});

import { passwordLengthSchema } from "./password-length";

export { PASSWORD_MAX, PASSWORD_MIN, passwordLengthSchema } from "./password-length";

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
  const result = zxcvbn.check(password.slice(0, STRENGTH_CHECKED_LENGTH), userInputs);
  if (result.score >= 3) return null;
  return result.feedback.warning
    ? `This password is too easy to guess: ${result.feedback.warning.replace(/\.$/, "").toLowerCase()}. Use a longer phrase of unrelated words.`
    : "This password is too easy to guess. Use a longer phrase of unrelated words.";
}

export const newPasswordSchema = passwordLengthSchema.superRefine((password, ctx) => {
    const weakness = passwordWeakness(password);
    if (weakness) ctx.addIssue({ code: "custom", message: weakness });
  });
