import { z } from "zod";
import { documentVersionOrNew } from "./common";
import { phoneSchema } from "./practices";

/**
 * The downtime plan's sections (../shared/PRODUCT.md, "Downtime plan"). Shared by the section
 * forms (client) and the plans service (server). Every field has a limit and a message.
 */

const text = (label: string, max = 4000) =>
  z.string().trim().max(max, `${label} is at most ${max} characters.`);
const optionalPhone = z.union([z.literal(""), phoneSchema]);

export const personSchema = z.object({
  /** Set when the person is a Standby member; the name and phones are still kept for the packet. */
  memberId: z.uuid().nullable().default(null),
  name: text("Name", 120),
  role: text("Role", 120).default(""),
  phone: optionalPhone,
  altPhone: optionalPhone.default(""),
  email: z.union([z.literal(""), z.email("Enter an email address.").max(254)]).default(""),
});
export type Person = z.infer<typeof personSchema>;

export const emptyPerson: Person = {
  memberId: null,
  name: "",
  role: "",
  phone: "",
  altPhone: "",
  email: "",
};

const step = z.object({ text: text("A step", 500).min(1, "Write the step, or remove it.") });

export const visitActions = ["continue", "reschedule", "needs_ehr_first"] as const;
export const visitActionLabels: Record<(typeof visitActions)[number], string> = {
  continue: "Continue on paper",
  reschedule: "Reschedule",
  needs_ehr_first: "Needs the EHR first",
};

export const sectionSchemas = {
  outageOwner: z.object({ owner: personSchema, backup: personSchema }),
  triage: z.object({ steps: z.array(step).max(30, "At most 30 triage steps.") }),
  scheduleContinuity: z.object({
    scheduleExport: text("How the schedule is printed or exported"),
    checkIn: text("Check-in"),
    phoneRouting: text("Phone routing"),
    tracking: text("Tracking"),
  }),
  visitRules: z.object({
    rules: z
      .array(
        z.object({
          visitType: text("Visit type", 120).min(1, "Name the visit type."),
          action: z.enum(visitActions, "Choose what happens to this visit type."),
          note: text("Note", 500).default(""),
        }),
      )
      .max(50, "At most 50 visit rules."),
  }),
  frontDeskScript: z.object({
    script: text("The script", 6000),
    urgentMessages: text("Urgent messages"),
  }),
  providerWorkflow: z.object({
    notes: text("Notes"),
    orders: text("Orders"),
    labs: text("Labs"),
    prescriptions: text("Prescriptions"),
    referrals: text("Referrals"),
    followUp: text("Follow-up"),
  }),
  reconciliation: z.object({
    owner: personSchema,
    verifier: personSchema,
    steps: z.array(step).max(30, "At most 30 reconciliation steps."),
  }),
  tiers: z.object({
    shortOutageMaxMinutes: z
      .number("Enter a number of minutes.")
      .int("Whole minutes.")
      .min(5, "At least 5 minutes.")
      .max(7 * 24 * 60, "At most a week."),
    shortTier: text("Short-outage plan"),
    longTier: text("Long-outage plan"),
  }),
  maintenancePrep: z.object({ items: z.array(step).max(40, "At most 40 checklist items.") }),
  officePreparation: z.object({
    backupInternet: text("Backup internet"),
    powerProtection: text("UPS and surge protection"),
    secondLocation: text("Second location"),
    paperForms: text("Paper forms"),
    paperFormsHours: z
      .number("Enter a number of hours.")
      .int("Whole hours.")
      .min(0, "Cannot be negative.")
      .max(720, "At most 720 hours."),
  }),
  callTree: z.object({
    entries: z
      .array(
        z.object({
          caller: text("Who calls", 120).min(1, "Say who calls."),
          calls: text("Whom they call", 200).min(1, "Say whom they call."),
          how: text("How", 200).default(""),
        }),
      )
      .max(60, "At most 60 call-tree entries."),
  }),
} as const;

export type SectionKey = keyof typeof sectionSchemas;
export const sectionKeys = Object.keys(sectionSchemas) as SectionKey[];
export type SectionContent<K extends SectionKey> = z.infer<(typeof sectionSchemas)[K]>;
export type PlanContent = { [K in SectionKey]: SectionContent<K> };

export const sectionTitles: Record<SectionKey, string> = {
  outageOwner: "Outage owner",
  triage: "Triage",
  scheduleContinuity: "Patient-schedule continuity",
  visitRules: "Visit rules",
  frontDeskScript: "Front-desk script",
  providerWorkflow: "Provider workflow",
  reconciliation: "Recovery reconciliation",
  tiers: "Short and long outages",
  maintenancePrep: "Planned-maintenance prep",
  officePreparation: "Office preparation",
  callTree: "Call tree",
};

/** One section save: which section, its content, and the version the editor read (0 = never saved). */
export const saveSectionSchema = z
  .object({
    practiceId: z.uuid("Unknown practice."),
    version: documentVersionOrNew,
    section: z.enum(sectionKeys as [SectionKey, ...SectionKey[]], "Unknown plan section."),
    content: z.unknown(),
  })
  .transform((input, ctx) => {
    const parsed = sectionSchemas[input.section].safeParse(input.content);
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        ctx.addIssue({ code: "custom", message: issue.message, path: ["content", ...issue.path] });
      return z.NEVER;
    }
    return { ...input, content: parsed.data as PlanContent[SectionKey] };
  });
export type SaveSectionInput = z.input<typeof saveSectionSchema>;

/** What the MSP's template may set: defaults for these sections (applied over a practice's own content). */
export const templateSchema = z.object({
  triage: sectionSchemas.triage,
  maintenancePrep: sectionSchemas.maintenancePrep,
  reconciliationSteps: sectionSchemas.reconciliation.shape.steps,
  frontDeskScript: sectionSchemas.frontDeskScript,
  tiers: sectionSchemas.tiers,
  officePreparation: sectionSchemas.officePreparation,
});
export type PlanTemplateContent = z.infer<typeof templateSchema>;

export const updateTemplateSchema = z.object({
  content: templateSchema,
  version: documentVersionOrNew,
});

export const practiceInput = z.object({ practiceId: z.uuid("Unknown practice.") });

export const publishPlanSchema = practiceInput.extend({
  nextReviewOn: z.iso.date("Use a date like 2027-03-01.").optional(),
});
export type PublishPlanInput = z.input<typeof publishPlanSchema>;

const versionRef = z.union([z.number().int().min(1).max(1_000_000), z.literal("draft")]);
export const compareVersionsSchema = practiceInput.extend({ from: versionRef, to: versionRef });
export const versionSchema = practiceInput.extend({
  number: z.number().int().min(1).max(1_000_000),
});

export const applyTemplateSchema = practiceInput.extend({
  sections: z
    .array(
      z.object({
        section: z.enum(sectionKeys as [SectionKey, ...SectionKey[]]),
        version: documentVersionOrNew,
        decision: z.enum(["apply", "keep"]),
      }),
    )
    .min(1, "Choose at least one section.")
    .max(sectionKeys.length),
});
export type ApplyTemplateInput = z.input<typeof applyTemplateSchema>;

export const recordPacketSchema = practiceInput.extend({
  format: z.enum(["print", "pdf"]),
  /** The version the printed page or file shows; refused when a newer one has been published since. */
  versionNumber: z.number().int().min(1).max(1_000_000).optional(),
});

/** "Keep on this device": the packet version a member saved on their device for the outage. */
export const recordDeviceCopySchema = practiceInput.extend({
  versionNumber: z.number().int().min(1).max(1_000_000),
});
