import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import * as common from "@zxcvbn-ts/language-common";
import * as english from "@zxcvbn-ts/language-en";
import { z } from "zod";

const zxcvbn = new ZxcvbnFactory({
  dictionary: { ...common.dictionary, ...english.dictionary },
  graphs: common.adjacencyGraphs,
  translations: english.translations,
});

export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 128;

/**
 * Refuses common and easily guessed passwords: anything built from the common-password and
 * English dictionaries that zxcvbn scores below 3 ("safely unguessable"). Null when acceptable.
 */
export function passwordWeakness(password: string, userInputs: string[] = []): string | null {
  const result = zxcvbn.check(password.slice(0, PASSWORD_MAX), userInputs);
  if (result.score >= 3) return null;
  return result.feedback.warning
    ? `This password is too easy to guess: ${result.feedback.warning.replace(/\.$/, "").toLowerCase()}. Use a longer phrase of unrelated words.`
    : "This password is too easy to guess. Use a longer phrase of unrelated words.";
}

export const newPasswordSchema = z
  .string()
  .min(PASSWORD_MIN, `Use at least ${PASSWORD_MIN} characters.`)
  .max(PASSWORD_MAX, `Use at most ${PASSWORD_MAX} characters.`)
  .superRefine((password, ctx) => {
    const weakness = passwordWeakness(password);
    if (weakness) ctx.addIssue({ code: "custom", message: weakness });
  });
