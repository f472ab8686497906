import { z } from "zod";
import { isTimeZone } from "./common";

/** Shared by the practice form (client) and the practices service (server). */

export const phoneSchema = z
  .string()
  .trim()
  // The first character may be "(": the example in the message, "(555) 010-2030", must pass.
  .regex(/^\+?[0-9(][0-9 ().\-]{5,24}$/, "Enter a phone number, e.g. (555) 010-2030.");

export const siteSchema = z.object({
  id: z.uuid().optional(),
  name: z
    .string()
    .trim()
    .min(1, "Name the site, e.g. Main office.")
    .max(120, "Site names are at most 120 characters."),
  address: z
    .string()
    .trim()
    .min(1, "Enter the site's street address.")
    .max(300, "Addresses are at most 300 characters."),
  phone: phoneSchema,
});

export const practiceFieldsSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, "Enter the practice's name.")
    .max(160, "Practice names are at most 160 characters."),
  timezone: z.string().max(64).refine(isTimeZone, "Choose a time zone from the list."),
  ehrProduct: z.string().trim().max(120, "EHR product is at most 120 characters."),
  downtimeCostPerMinuteCents: z
    .number("Enter the cost of one minute of downtime, in dollars.")
    .int("Enter whole cents.")
    .min(0, "Cost cannot be negative.")
    .max(100_000_000, "Cost is at most $1,000,000 a minute."),
  isNewOffice: z.boolean(),
  isMigrating: z.boolean(),
  sites: z
    .array(siteSchema)
    .min(1, "Add at least one site.")
    .max(50, "A practice has at most 50 sites."),
});
export type PracticeFields = z.infer<typeof practiceFieldsSchema>;

/** Most practices a picker lists at once; past it the picker asks for part of a name. */
export const PRACTICE_CHOICES_LIMIT = 100;

/** The practices a picker offers: names only, by name, optionally those whose name contains `search`. */
export const practiceChoicesSchema = z.object({
  search: z.string().trim().max(100, "Search for at most 100 characters.").default(""),
  limit: z.number().int().min(1).max(5_000).default(PRACTICE_CHOICES_LIMIT),
});
