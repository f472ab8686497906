import { z } from "zod";
import { documentVersion } from "./common";
import { phoneSchema } from "./practices";

/**
 * The MSP's help desk ("support line"): shared by the settings form (client) and the service.
 * Every field may be left empty (a line that is not set yet shows nowhere).
 */
export const supportLineFieldsSchema = z.object({
  phone: z.union([z.literal(""), phoneSchema.max(40, "Phone numbers are at most 40 characters.")]),
  email: z.union([
    z.literal(""),
    z.email("Enter an email address, e.g. help@summit-it.example, or leave it empty.").max(254),
  ]),
  hours: z.string().trim().max(200, "Hours are at most 200 characters."),
});
export type SupportLineFields = z.infer<typeof supportLineFieldsSchema>;

export const saveSupportLineSchema = supportLineFieldsSchema.extend({
  /** The version read; someone else's save since is a conflict. */
  version: documentVersion,
});
export type SaveSupportLineInput = z.input<typeof saveSupportLineSchema>;

/** The support line as every member reads it. */
export type SupportLine = SupportLineFields & { mspName: string; version: number };

/** "Call Summit IT at (555) 010-2030." — or by email when there is no phone; "" when nothing is set. */
export function callMspSentence(line: SupportLine | null | undefined): string {
  if (!line) return "";
  if (line.phone) return `Call ${line.mspName} at ${line.phone}.`;
  if (line.email) return `Email ${line.mspName} at ${line.email}.`;
  return "";
}
