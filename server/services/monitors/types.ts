import "server-only";
import type { MonitorSettings } from "@/db/schema";
import type { MonitorKind, MonitorOutcome } from "@/db/schema/values";
import type { OutboundRules } from "@/server/domain/outbound-address";
import type { ResolveHost } from "@/server/services/outbound-http";

/** What a checker needs of a monitor. */
export type CheckSpec = {
  kind: MonitorKind;
  target: string;
  port: number | null;
  settings: MonitorSettings;
  intervalSeconds: number;
  timeoutSeconds: number;
  lastPushAt: Date | null;
};

/** One attempt's finding: error says in words what failed (or why it is degraded). */
export type CheckFinding = {
  outcome: MonitorOutcome;
  latencyMs: number | null;
  error: string | null;
};

/** Where checks may go and how names are resolved; tests point these at loopback counterparts. */
export type CheckEnvironment = {
  rules: OutboundRules;
  resolveHost: ResolveHost;
  /** DNS monitors' resolvers ("127.0.0.1:5353"); empty: the system's. */
  dnsServers: readonly string[];
  /** The moment the check is for (heartbeats compare the last push with it). */
  now: Date;
};

/** Said when a monitor's target is on a private network (and not allowlisted). */
export const PRIVATE_TARGET_ADVICE =
  "Standby checks only what is reachable from the internet. For a system inside the clinic's network, use a heartbeat monitor that the clinic's server calls.";
