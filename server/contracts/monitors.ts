import { z } from "zod";
import {
  monitorKindValues,
  monitorStatusValues,
  type MonitorKind,
  type MonitorStatus,
} from "@/db/schema/values";
import { documentVersion, enteredMoment } from "./common";

/** Shared by the monitor form (client) and the monitors service (server). */

export type { MonitorKind, MonitorStatus };

export const monitorKindLabels: Record<MonitorKind, string> = {
  http: "Website or web service (HTTP/HTTPS)",
  tcp: "TCP port",
  dns: "DNS record",
  tls: "TLS certificate expiry",
  heartbeat: "Heartbeat (pushed from the clinic)",
};

export const monitorStatusLabels: Record<MonitorStatus, string> = {
  unknown: "Not checked yet",
  up: "Up",
  pending: "Failing",
  down: "Down",
  degraded: "Degraded",
  paused: "Paused",
};

export const monitorKinds = monitorKindValues;
export const monitorStatuses = monitorStatusValues;
export const dnsRecordTypes = ["A", "AAAA", "CNAME", "MX", "TXT", "NS"] as const;

export const MIN_INTERVAL_SECONDS = 30;
export const MAX_INTERVAL_SECONDS = 3600;
export const MAX_TIMEOUT_SECONDS = 30;

/** The longest timeout an interval allows: 80% of it, and 30 s at most. */
export function maxTimeoutSeconds(intervalSeconds: number): number {
  return Math.min(MAX_TIMEOUT_SECONDS, Math.floor((intervalSeconds * 4) / 5));
}

const HOST_NAME =
  /^(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*\.?$/i;
const IPV4 = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;
const IPV6 = /^[0-9a-f:.]+$/i;

/** A host name or an IP address, as typed for a TCP, DNS or TLS monitor. */
export function isHost(value: string): boolean {
  if (IPV4.test(value)) return true;
  if (value.includes(":")) return IPV6.test(value) && value.split(":").length >= 3;
  return HOST_NAME.test(value) && !/^\d+(\.\d+)*\.?$/.test(value);
}

/** What is wrong with a monitor's target for its kind, in words; null when nothing. */
export function targetProblem(kind: MonitorKind, target: string): string | null {
  switch (kind) {
    case "heartbeat":
      return null;
    case "http": {
      let url: URL;
      try {
        url = new URL(target);
      } catch {
        return "Enter the whole web address, https://…";
      }
      if (url.protocol !== "https:" && url.protocol !== "http:")
        return "Use an http:// or https:// address.";
      if (url.username || url.password)
        return "Leave the user name and password out of the address.";
      return null;
    }
    case "dns":
      return HOST_NAME.test(target) && !IPV4.test(target)
        ? null
        : "Enter the host name to look up, such as portal.example.com.";
    case "tcp":
    case "tls":
      return isHost(target) ? null : "Enter a host name or an IP address, such as ehr.example.com.";
  }
}

const int = (what: string, min: number, max: number) =>
  z
    .number(`Enter ${what}.`)
    .int(`${what[0]!.toUpperCase()}${what.slice(1)} must be a whole number.`)
    .min(min, `${what[0]!.toUpperCase()}${what.slice(1)} must be at least ${min}.`)
    .max(max, `${what[0]!.toUpperCase()}${what.slice(1)} must be at most ${max}.`);

/** The fields of a monitor, one flat shape for every kind (the form shows those of its kind). */
export const monitorFieldsSchema = z.object({
  systemId: z.uuid("Choose the system this monitor watches."),
  name: z
    .string()
    .trim()
    .min(1, "Give the monitor a name.")
    .max(80, "Keep the name under 80 characters."),
  kind: z.enum(monitorKindValues, "Choose what to check."),
  target: z.string().trim().max(2000, "Keep the address under 2,000 characters.").default(""),
  port: int("the port", 1, 65535).nullable().default(null),
  expectedStatus: int("the expected status", 100, 599).nullable().default(null),
  keyword: z.string().max(200, "Keep the keyword under 200 characters.").default(""),
  keywordMode: z.enum(["present", "absent"]).default("present"),
  degradedAboveMs: int("the slow-response limit", 1, 60_000).nullable().default(null),
  recordType: z.enum(dnsRecordTypes, "Choose a record type.").default("A"),
  expectedValue: z.string().trim().max(255, "Keep the value under 255 characters.").default(""),
  daysLeftThreshold: int("the days left", 1, 365).default(14),
  graceSeconds: int("the grace period", 0, 3600).default(60),
  intervalSeconds: int("the interval", MIN_INTERVAL_SECONDS, MAX_INTERVAL_SECONDS).default(60),
  timeoutSeconds: int("the timeout", 1, MAX_TIMEOUT_SECONDS).default(10),
  retries: int("the retries", 0, 5).default(0),
  failureThreshold: int("the failures before down", 1, 20).default(3),
  recoveryThreshold: int("the successes before up", 1, 20).default(2),
});

type MonitorFields = z.infer<typeof monitorFieldsSchema>;

/** The rules across fields: the target for the kind, the port where one is needed, the timeout. */
function checkMonitorFields(fields: MonitorFields, ctx: z.RefinementCtx) {
  const problem = targetProblem(fields.kind, fields.target);
  if (problem) ctx.addIssue({ code: "custom", message: problem, path: ["target"] });
  if (fields.kind === "tcp" && fields.port === null)
    ctx.addIssue({ code: "custom", message: "Enter the port to connect to.", path: ["port"] });
  const longest = maxTimeoutSeconds(fields.intervalSeconds);
  const intervalValid =
    fields.intervalSeconds >= MIN_INTERVAL_SECONDS &&
    fields.intervalSeconds <= MAX_INTERVAL_SECONDS;
  if (intervalValid && fields.timeoutSeconds > longest)
    ctx.addIssue({
      code: "custom",
      message: `The timeout must be at most ${longest} s for a ${fields.intervalSeconds} s interval (80% of it, 30 s at most).`,
      path: ["timeoutSeconds"],
    });
}

export const createMonitorSchema = monitorFieldsSchema
  .extend({ practiceId: z.uuid() })
  .superRefine(checkMonitorFields);
export type CreateMonitorInput = z.input<typeof createMonitorSchema>;

export const updateMonitorSchema = monitorFieldsSchema
  .extend({ practiceId: z.uuid(), monitorId: z.uuid(), version: documentVersion })
  .superRefine(checkMonitorFields);
export type UpdateMonitorInput = z.input<typeof updateMonitorSchema>;

export const monitorRefSchema = z.object({ practiceId: z.uuid(), monitorId: z.uuid() });

export const pauseMonitorSchema = monitorRefSchema.extend({
  version: documentVersion,
  reason: z
    .string()
    .trim()
    .min(1, "Say why the monitor is paused (people will see it).")
    .max(200, "Keep the reason under 200 characters."),
  until: enteredMoment("when the pause ends").nullable().default(null),
});
export type PauseMonitorInput = z.input<typeof pauseMonitorSchema>;

export const versionedMonitorRefSchema = monitorRefSchema.extend({ version: documentVersion });

export const listMonitorsSchema = z.object({
  practiceId: z.uuid(),
  page: z.number().int().min(1).max(10_000).default(1),
  pageSize: z.number().int().min(1).max(100).default(50),
});

export const listMspMonitorsSchema = z.object({
  page: z.number().int().min(1).max(10_000).default(1),
  pageSize: z.number().int().min(1).max(100).default(50),
  /** Only monitors in this state. */
  status: z.enum(monitorStatusValues, "Choose a state.").nullable().default(null),
  /** Only this practice's monitors. */
  practiceId: z.uuid("Choose a practice.").nullable().default(null),
});
export type ListMspMonitorsInput = z.input<typeof listMspMonitorsSchema>;

/** A monitor's charts: the last 24 hours (from its results) and the last 30 days (from its rollups). */
export const monitorHistorySchema = monitorRefSchema;
