import "server-only";
import { Resolver } from "node:dns/promises";
import type { CheckEnvironment, CheckFinding, CheckSpec } from "./types";

const normalise = (value: string) => value.trim().replace(/\.$/, "").toLowerCase();

/** The answers of one record type, as text ("10 mail.example.com" for MX). */
async function lookUp(resolver: Resolver, host: string, type: string): Promise<string[]> {
  switch (type) {
    case "AAAA":
      return resolver.resolve6(host);
    case "CNAME":
      return resolver.resolveCname(host);
    case "MX":
      return (await resolver.resolveMx(host)).map((mx) => `${mx.priority} ${mx.exchange}`);
    case "TXT":
      return (await resolver.resolveTxt(host)).map((parts) => parts.join(""));
    case "NS":
      return resolver.resolveNs(host);
    default:
      return resolver.resolve4(host);
  }
}

/**
 * A DNS check: asks the resolvers (MONITOR_DNS_SERVERS, or the system's) for the record; up when an
 * answer comes and, if an expected value is set, one of the answers is it (an MX answer matches its
 * host name alone too).
 */
export async function checkDns(
  spec: CheckSpec,
  environment: CheckEnvironment,
): Promise<CheckFinding> {
  const type = spec.settings.recordType ?? "A";
  const resolver = new Resolver({ timeout: spec.timeoutSeconds * 1000, tries: 1 });
  if (environment.dnsServers.length > 0) resolver.setServers([...environment.dnsServers]);
  const started = performance.now();
  let answers: string[];
  try {
    answers = await lookUp(resolver, spec.target, type);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const message =
      code === "ENOTFOUND" || code === "ENODATA"
        ? `No ${type} record for ${spec.target}.`
        : code === "ETIMEOUT"
          ? `The DNS server did not answer within ${spec.timeoutSeconds} s.`
          : `The DNS lookup of ${spec.target} failed (${code ?? "error"}).`;
    return { outcome: "down", latencyMs: null, error: message };
  }
  const latencyMs = Math.round(performance.now() - started);
  if (answers.length === 0)
    return { outcome: "down", latencyMs, error: `No ${type} record for ${spec.target}.` };
  const expected = spec.settings.expectedValue ? normalise(spec.settings.expectedValue) : "";
  if (
    expected &&
    !answers.some((answer) => {
      const value = normalise(answer);
      return value === expected || (type === "MX" && value.split(" ")[1] === expected);
    })
  )
    return {
      outcome: "down",
      latencyMs,
      error: `${spec.target} ${type} is ${answers.slice(0, 3).join(", ")}, not ${spec.settings.expectedValue}.`,
    };
  return { outcome: "up", latencyMs, error: null };
}
