import type { ReplyAction } from "@/server/contracts/outreach-replies";

/**
 * What a patient's text back means. A reply that is one of these words is acted on at once; anything
 * else waits in the practice's replies inbox for the front desk.
 *
 * Precedence, decided once: "C" and "CANCEL" cancel the appointment the patient was texted about
 * (the issue's rule), although CANCEL is also one of the carriers' standard opt-out words; opting out
 * is STOP, STOPALL, UNSUBSCRIBE, END, QUIT, OPTOUT or REVOKE. "Y" and "YES" confirm the appointment;
 * only START and UNSTOP undo an opt-out (YES does not). Case, spaces and punctuation do not matter
 * ("stop!", " c. ", "Yes"), nor accents ("SÍ").
 */

export const replyWords: Record<Exclude<ReplyAction, "inbox">, readonly string[]> = {
  stop: ["STOP", "STOPALL", "UNSUBSCRIBE", "END", "QUIT", "OPTOUT", "REVOKE"],
  start: ["START", "UNSTOP"],
  help: ["HELP", "INFO", "AYUDA"],
  cancel: ["C", "CANCEL", "CANCELAR"],
  confirm: ["Y", "YES", "SI"],
};

const actionOfWord = new Map<string, ReplyAction>(
  Object.entries(replyWords).flatMap(([action, words]) =>
    words.map((word) => [word, action as ReplyAction] as const),
  ),
);

/** The text as a keyword: letters and digits only, upper case, accents dropped ("Sí!" → "SI"). */
export function replyKeyword(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toUpperCase()
    .replace(/[^\p{L}\p{N}]/gu, "");
}

export function replyActionOf(text: string): ReplyAction {
  return actionOfWord.get(replyKeyword(text)) ?? "inbox";
}

/** The answer to HELP: who is texting and how to reach them, and the two words that always work. */
export function helpAnswer(practiceName: string, phone: string | null): string {
  const call = phone ? ` For help call ${phone}.` : "";
  return `${practiceName}: appointment messages.${call} Reply STOP to stop these texts, START to get them again.`;
}

/** The answer to a text Standby cannot place (a number it never texted, on a channel of no single practice). */
export const unplacedAnswer =
  "This number sends appointment messages and cannot match your text to a practice. Please call your practice.";

const escapeXml = (text: string) =>
  text.replace(
    /[<>&'"]/g,
    (character) =>
      ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", "'": "&apos;", '"': "&quot;" })[character]!,
  );

/** The provider's answer format (TwiML): nothing to send back, or one message. */
export function twimlResponse(message: string | null = null): string {
  const head = '<?xml version="1.0" encoding="UTF-8"?>';
  return message === null
    ? `${head}<Response/>`
    : `${head}<Response><Message>${escapeXml(message)}</Message></Response>`;
}
