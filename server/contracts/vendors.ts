import { z } from "zod";
import { documentVersion } from "./common";
import { phoneSchema } from "./practices";

/** Shared by the vendor forms (client) and the vendors service (server). */

export const vendorCategories = [
  ["ehr", "EHR"],
  ["isp", "Internet provider"],
  ["phone", "Phones / VoIP"],
  ["billing", "Billing"],
  ["imaging", "Imaging / PACS"],
  ["backup", "Backup"],
  ["lab", "Lab"],
  ["pharmacy", "e-Prescribing / pharmacy"],
  ["hardware", "Hardware"],
  ["software", "Software"],
  ["msp", "MSP"],
  ["other", "Other"],
] as const;
export type VendorCategory = (typeof vendorCategories)[number][0];
export const vendorCategoryLabels = Object.fromEntries(vendorCategories) as Record<
  VendorCategory,
  string
>;
export const vendorCategoryValues = vendorCategories.map(([value]) => value) as [
  VendorCategory,
  ...VendorCategory[],
];

const optionalPhone = z.union([z.literal(""), phoneSchema]);
const optionalEmail = z.union([
  z.literal(""),
  z.email("Enter an email address, or leave it empty.").max(254),
]);

export const vendorFieldsSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, "Name the vendor.")
    .max(120, "Vendor names are at most 120 characters."),
  category: z.enum(vendorCategoryValues, "Choose a category."),
  supportPhone: optionalPhone,
  portalUrl: z.union([
    z.literal(""),
    z.url({ protocol: /^https?$/, error: "Enter a web address starting with https://" }).max(500),
  ]),
  supportHours: z.string().trim().max(200, "Hours are at most 200 characters."),
  baaOnFile: z.boolean(),
  contractNotes: z.string().trim().max(4000, "Contract notes are at most 4,000 characters."),
});
export type VendorFields = z.infer<typeof vendorFieldsSchema>;

export const escalationLevelSchema = z
  .object({
    name: z.string().trim().min(1, "Name the contact at this level.").max(120),
    role: z.string().trim().max(120),
    phone: optionalPhone,
    email: optionalEmail,
    hours: z.string().trim().max(200),
  })
  .refine((level) => level.phone !== "" || level.email !== "", {
    message: "Give a phone number or an email for this level.",
    path: ["phone"],
  });
export type EscalationLevelInput = z.infer<typeof escalationLevelSchema>;

export const linkFieldsSchema = z.object({
  accountNumber: z.string().trim().max(120, "Account numbers are at most 120 characters."),
  notes: z.string().trim().max(2000, "Notes are at most 2,000 characters."),
  ladder: z.array(escalationLevelSchema).max(10, "At most 10 escalation levels."),
});
export type LinkFields = z.infer<typeof linkFieldsSchema>;

const practiceId = z.uuid("Unknown practice.");
const vendorId = z.uuid("Unknown vendor.");
const linkId = z.uuid("Unknown vendor link.");

export const listVendorsSchema = z.object({
  search: z.string().trim().max(100).default(""),
  page: z.number().int().min(1).max(100_000).default(1),
  pageSize: z.number().int().min(1).max(200).default(50),
});
export const createVendorSchema = vendorFieldsSchema;
export const updateVendorSchema = vendorFieldsSchema.extend({ vendorId, version: documentVersion });
export const vendorRefSchema = z.object({ vendorId });
export const linkVendorSchema = linkFieldsSchema.extend({ practiceId, vendorId });
export const updateLinkSchema = linkFieldsSchema.extend({
  practiceId,
  linkId,
  version: documentVersion,
});
export const linkRefSchema = z.object({ practiceId, linkId });
export const csvImportSchema = z.object({
  practiceId,
  csv: z.string().min(1, "The file is empty.").max(1_000_000, "Files are at most 1 MB."),
});

/** The CSV columns, in order: one row per escalation level (a vendor without contacts has one row with them empty). */
export const vendorCsvColumns = [
  "vendor",
  "category",
  "support_phone",
  "portal_url",
  "support_hours",
  "baa_on_file",
  "account_number",
  "level",
  "contact_name",
  "contact_role",
  "contact_phone",
  "contact_email",
  "contact_hours",
] as const;
