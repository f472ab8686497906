import { z } from "zod";
import { documentVersion, enteredMoment, isTimeZone } from "./common";

/** Shared by the notification settings (client) and the notifications service (server). */

/** What Standby tells people outside Standby about, with the words admins see. */
export const notificationEvents = {
  "incident.declared": "Outage declared",
  "incident.status_changed": "Outage status changed",
  "incident.update_posted": "Outage update posted",
  "incident.update_overdue": "Outage update overdue",
  "incident.vendor_call_due": "Time to call the vendor again",
  "incident.resolved": "Outage resolved",
  "incident.closed": "Outage closed",
  "maintenance.scheduled": "Maintenance scheduled",
  "maintenance.reminder": "Maintenance reminder",
  "maintenance.started": "Maintenance started",
  "maintenance.ended": "Maintenance ended",
  "maintenance.changed": "Maintenance postponed or cancelled",
  "maintenance.prep_overdue": "Maintenance prep item overdue",
  "outage.suspected": "Suspected outage (a monitor is down)",
  "outage.suspected_cleared": "Suspected outage cleared by itself",
  "backup.test_overdue": "Restore test overdue",
  "backup.test_failed": "Restore test failed",
  "review.due_soon": "Review due in 7 days",
  "review.overdue": "Review overdue",
  "plan.review_overdue": "Plan past its review date",
  "risk.acceptance_expiring": "Risk acceptance expiring in 14 days",
  "packet.stale": "Printed packet out of date",
  "schedule.stale": "Schedule copy out of date",
  "vendors.unverified": "Vendor contacts unverified for 90 days",
  "channel.test": "Test message",
  "digest.daily": "Daily digest of due work",
} as const;

export type NotificationEvent = keyof typeof notificationEvents;

export const channelKinds = [
  ["email", "Email"],
  ["teams", "Microsoft Teams"],
  ["slack", "Slack"],
  ["webhook", "Signed webhook"],
  ["sms", "Text message (SMS)"],
] as const;
export type ChannelKind = (typeof channelKinds)[number][0];
export const channelKindLabels = Object.fromEntries(channelKinds) as Record<ChannelKind, string>;

/** The events an admin can route (the test message and members' own digests are not). */
export const routableEvents = (Object.keys(notificationEvents) as NotificationEvent[]).filter(
  (event) => event !== "channel.test" && event !== "digest.daily",
);
export const outageEvents = routableEvents.filter((event) => event.startsWith("incident."));

export const deliveryStatuses = [
  ["pending", "Waiting"],
  ["sending", "Sending"],
  ["delivered", "Delivered"],
  ["accepted", "Accepted, not confirmed"],
  ["failed", "Failed"],
  ["outbox", "Not sent: no channel configured"],
] as const;
export type DeliveryStatus = (typeof deliveryStatuses)[number][0];
export const deliveryStatusLabels = Object.fromEntries(deliveryStatuses) as Record<
  DeliveryStatus,
  string
>;

const name = z
  .string("Name the channel, e.g. On-call Teams.")
  .trim()
  .min(1, "Name the channel, e.g. On-call Teams.")
  .max(80, "Keep the name under 80 characters.");
const events = z
  .array(z.enum(routableEvents as [NotificationEvent, ...NotificationEvent[]], "Unknown event."))
  .min(1, "Choose at least one event for this channel.")
  .max(routableEvents.length, "Unknown event.");
const practiceId = z.uuid("Unknown practice.").nullable();
const webAddress = z
  .string("Paste the receiver's address, https://…")
  .trim()
  .min(1, "Paste the receiver's address, https://…")
  .max(2000, "This address is too long.");
const email = z.email("Enter an email address.").max(254, "This email address is too long.");
const phone = z
  .string()
  .trim()
  .regex(/^\+[1-9]\d{6,14}$/, "Enter the number with its country code, e.g. +15551234567.");

const common = { name, practiceId, events };

/** How an email channel's own mail server is reached, with the port each mode usually takes. */
export const smtpSecurityModes = [
  ["tls", "TLS from the start (usually port 465)", 465],
  ["starttls", "STARTTLS (usually port 587 or 25)", 587],
  ["none", "None: plain text (test and on-site servers only)", 25],
] as const;
export type SmtpSecurity = (typeof smtpSecurityModes)[number][0];

const hostMessage =
  "Enter the mail server's host name (e.g. smtp.your-msp.example) or its IP address.";

/** A host name or an IP address (an IPv6 address with or without brackets), lower case, no final dot. */
const mailHost = z
  .string(hostMessage)
  .trim()
  .toLowerCase()
  .max(253, "This host name is too long.")
  .transform((value) => value.replace(/^\[(.*)\]$/, "$1").replace(/\.$/, ""))
  .refine(
    (value) =>
      z.ipv6().safeParse(value).success ||
      (/^[\d.]+$/.test(value)
        ? z.ipv4().safeParse(value).success
        : z.hostname().safeParse(value).success),
    hostMessage,
  );

const portMessage = "The port is a number from 1 to 65535 (465, 587 or 25 for mail).";
const mailPort = z
  .number("Enter the port, e.g. 587.")
  .int(portMessage)
  .min(1, portMessage)
  .max(65535, portMessage);

/**
 * "alerts@your-msp.example" or "Standby <alerts@your-msp.example>" (the name may be in quotes): the
 * name (empty when none) and the address, or null when it is neither.
 */
export function parseMailbox(value: string): { name: string; address: string } | null {
  const match = /^(?:(.*?)\s*<([^<>\s]+)>|([^<>\s]+))$/.exec(value.trim());
  if (!match) return null;
  const name = (match[1] ?? "").trim().replace(/^"(.*)"$/, "$1");
  const address = match[2] ?? match[3]!;
  if (/["<>\p{Cc}]/u.test(name)) return null;
  return z.email().max(254).safeParse(address).success ? { name, address } : null;
}

const mailbox = z
  .string("Enter the sender, e.g. alerts@your-msp.example.")
  .trim()
  .max(320, "This sender is too long.")
  .refine(
    (value) => parseMailbox(value) !== null,
    "Enter the sender as an email address (alerts@your-msp.example) or a name and an address (Standby <alerts@your-msp.example>).",
  );

/**
 * An email channel's own mail server, instead of SMTP_URL. The password is a secret: it may be left
 * out (or empty) on a change to keep the saved one, as long as host, port and security stay the same.
 * No user name: the server takes mail without signing in.
 */
export const smtpServerSchema = z
  .object({
    host: mailHost,
    port: mailPort,
    security: z.enum(
      smtpSecurityModes.map(([mode]) => mode) as [SmtpSecurity, ...SmtpSecurity[]],
      "Choose how the connection is secured.",
    ),
    username: z.string().trim().max(254, "This user name is too long.").optional(),
    password: z.string().max(256, "This password is too long.").optional(),
    from: mailbox,
  })
  .refine((server) => !server.password || Boolean(server.username), {
    message: "Enter the user name that goes with the password.",
    path: ["username"],
  });
export type SmtpServerFields = z.infer<typeof smtpServerSchema>;

/**
 * A channel as an admin enters it. Secrets (`url` of Teams and Slack, which is itself a credential;
 * `authToken` for SMS; an email channel's own mail server's `smtp.password`) may be left out on a
 * change to keep the saved one.
 */
export const channelFieldsSchema = z.discriminatedUnion(
  "kind",
  [
    z.object({
      kind: z.literal("email"),
      ...common,
      recipients: z
        .array(email)
        .min(1, "Add at least one address.")
        .max(10, "At most 10 addresses."),
      /** Absent or null: the mail server Standby uses (SMTP_URL). */
      smtp: smtpServerSchema.nullable().optional(),
    }),
    z.object({ kind: z.literal("teams"), ...common, url: webAddress.optional() }),
    z.object({ kind: z.literal("slack"), ...common, url: webAddress.optional() }),
    z.object({ kind: z.literal("webhook"), ...common, url: webAddress }),
    z
      .object({
        kind: z.literal("sms"),
        ...common,
        // A number used only for patient messages may have no staff recipients and no events.
        events: z
          .array(
            z.enum(routableEvents as [NotificationEvent, ...NotificationEvent[]], "Unknown event."),
          )
          .max(routableEvents.length, "Unknown event."),
        recipients: z.array(phone).max(10, "At most 10 numbers."),
        from: phone,
        accountSid: z
          .string()
          .trim()
          .min(1, "Enter the provider's account id.")
          .max(64, "This account id is too long."),
        authToken: z.string().trim().max(200, "This token is too long.").optional(),
        apiBaseUrl: webAddress.optional(),
        /** "Use this number for patient messages" (patient outreach): the practice's, else the MSP's. */
        patientOutreach: z.boolean().default(false),
      })
      .superRefine((channel, context) => {
        if (channel.patientOutreach) return;
        if (channel.recipients.length === 0)
          context.addIssue({
            code: "custom",
            message: "Add at least one number.",
            path: ["recipients"],
          });
        if (channel.events.length === 0)
          context.addIssue({
            code: "custom",
            message: "Choose at least one event for this channel.",
            path: ["events"],
          });
      }),
  ],
  "Choose a kind of channel.",
);
export type ChannelFields = z.infer<typeof channelFieldsSchema>;

export const channelRef = z.object({ channelId: z.uuid("Unknown channel.") });
export const updateChannelSchema = z.object({
  channelId: z.uuid("Unknown channel."),
  version: documentVersion,
  fields: channelFieldsSchema,
});
export const versionedChannelRef = channelRef.extend({ version: documentVersion });

export const DELIVERY_PAGE_SIZE = 50;
export const deliveryLogSchema = z.object({
  channelId: z.uuid("Unknown channel.").optional(),
  event: z
    .enum(Object.keys(notificationEvents) as [NotificationEvent], "Unknown event.")
    .optional(),
  status: z
    .enum(deliveryStatuses.map(([value]) => value) as [DeliveryStatus], "Unknown status.")
    .optional(),
  practiceId: z.uuid("Unknown practice.").optional(),
  /** Deliveries created on or after this day and up to the end of `to` (UTC, as the log shows). */
  from: z.iso.date("Enter a date, e.g. 2026-12-01.").optional(),
  to: z.iso.date("Enter a date, e.g. 2026-12-31.").optional(),
  /** Deliveries created before this moment (the page after the last one shown). */
  before: enteredMoment("a time").optional(),
});

/**
 * A member's own notifications, for the practices they see: outage events by email and/or text
 * message, and a daily digest email of due work. Texts need their mobile number.
 */
export const notificationPreferencesSchema = z
  .object({
    outageEmail: z.boolean(),
    outageSms: z.boolean(),
    mobile: z
      .string()
      .trim()
      .max(16, "Enter the number with its country code, e.g. +15551234567.")
      .refine(
        (value) => value === "" || /^\+[1-9]\d{6,14}$/.test(value),
        "Enter the number with its country code, e.g. +15551234567.",
      ),
    dailyDigest: z.boolean(),
    /** "" : where most of the practices they see are. */
    digestTimeZone: z
      .string()
      .max(64)
      .refine((value) => value === "" || isTimeZone(value), "Choose a time zone from the list."),
    digestHour: z
      .number({ error: "Choose the hour the digest goes at." })
      .int("Choose the hour the digest goes at.")
      .min(0, "Choose the hour the digest goes at.")
      .max(23, "Choose the hour the digest goes at."),
  })
  .refine((value) => !value.outageSms || value.mobile !== "", {
    message: "Enter your mobile number to get outage texts.",
    path: ["mobile"],
  });
export type NotificationPreferencesInput = z.infer<typeof notificationPreferencesSchema>;
export const updateNotificationPreferencesSchema = z.object({
  /** The version read (0: none saved yet). */
  version: z.number().int().min(0).max(1_000_000),
  preferences: notificationPreferencesSchema,
});
