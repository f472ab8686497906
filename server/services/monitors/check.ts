import "server-only";
import { env } from "@/server/env";
import { outboundRules, systemResolveHost } from "@/server/services/outbound-http";
import { checkDns } from "./dns-check";
import { checkHttp } from "./http-check";
import { checkTcp, checkTls } from "./socket-checks";
import type { CheckEnvironment, CheckFinding, CheckSpec } from "./types";

/** The environment checks run in: the outbound rules and resolvers of the configuration. */
export function configuredCheckEnvironment(now: Date): CheckEnvironment {
  const servers = env().MONITOR_DNS_SERVERS;
  return {
    rules: outboundRules(),
    resolveHost: systemResolveHost,
    dnsServers: servers
      ? servers
          .split(",")
          .map((server) => server.trim())
          .filter(Boolean)
      : [],
    now,
  };
}

/** A heartbeat: up when a push arrived within the interval plus the grace period before `now`. */
export function checkHeartbeat(spec: CheckSpec, now: Date): CheckFinding {
  const allowedMs = (spec.intervalSeconds + (spec.settings.graceSeconds ?? 60)) * 1000;
  if (spec.lastPushAt && now.getTime() - spec.lastPushAt.getTime() <= allowedMs)
    return { outcome: "up", latencyMs: null, error: null };
  return {
    outcome: "down",
    latencyMs: null,
    error: spec.lastPushAt
      ? `No heartbeat since ${spec.lastPushAt.toISOString()} (expected every ${spec.intervalSeconds} s).`
      : "No heartbeat has arrived yet.",
  };
}

async function checkOnce(spec: CheckSpec, environment: CheckEnvironment): Promise<CheckFinding> {
  switch (spec.kind) {
    case "http":
      return checkHttp(spec, environment);
    case "tcp":
      return checkTcp(spec, environment);
    case "tls":
      return checkTls(spec, environment);
    case "dns":
      return checkDns(spec, environment);
    case "heartbeat":
      return checkHeartbeat(spec, environment.now);
  }
}

/** Refusals by the guard are not retried: the same address gives the same answer. */
const refused = (finding: CheckFinding) =>
  finding.error !== null && finding.error.includes("is not a public internet address");

/**
 * One check of a monitor: an attempt, and up to `retries` more while it fails (a failure only counts
 * once every attempt failed). Heartbeats are never retried (they wait for the clinic's call).
 */
export async function runCheck(
  spec: CheckSpec & { retries: number },
  environment: CheckEnvironment,
): Promise<CheckFinding> {
  let finding = await checkOnce(spec, environment);
  for (
    let attempt = 0;
    attempt < spec.retries &&
    finding.outcome === "down" &&
    spec.kind !== "heartbeat" &&
    !refused(finding);
    attempt++
  )
    finding = await checkOnce(spec, environment);
  return finding;
}
