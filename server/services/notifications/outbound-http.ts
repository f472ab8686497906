import "server-only";
import dns, { type LookupAddress } from "node:dns";
import http, { type IncomingHttpHeaders } from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import {
  checkOutboundUrl,
  resolvedRefusal,
  type OutboundRules,
} from "@/server/domain/outbound-address";

/** What a receiver answered: its status, Retry-After, and the start of its body (for the delivery log). */
export type OutboundAnswer = {
  status: number;
  retryAfter: string | null;
  body: string;
  latencyMs: number;
};

export type OutboundProblem = {
  /** refused: the guard said no (never retried); timeout and connection: the network failed (retried). */
  kind: "refused" | "timeout" | "connection";
  message: string;
  latencyMs: number;
};

export type OutboundResult =
  { ok: true; answer: OutboundAnswer } | { ok: false; problem: OutboundProblem };

const BODY_KEPT_BYTES = 2_000;
const BODY_READ_BYTES = 64_000;

class RefusedAddress extends Error {}

/**
 * Resolves a host name and refuses it when any of its addresses is not public (and not allowlisted).
 * The connection then goes to the address checked here: a name cannot resolve to a public address for
 * the check and to a private one for the connection.
 */
export type ResolveHost = (hostname: string) => Promise<LookupAddress[]>;
export const systemResolveHost: ResolveHost = (hostname) =>
  dns.promises.lookup(hostname, { all: true });

function guardedLookup(rules: OutboundRules, resolveHost: ResolveHost): LookupFunction {
  return (hostname, options, callback) => {
    const answered = (error: NodeJS.ErrnoException | null, found: LookupAddress[]) => {
      if (error) return callback(error, "", 0);
      const refusal = resolvedRefusal(
        hostname,
        found.map((entry) => entry.address),
        rules.allow,
      );
      if (refusal) return callback(new RefusedAddress(refusal), "", 0);
      if (options.all) (callback as (e: null, a: LookupAddress[]) => void)(null, found);
      else callback(null, found[0]!.address, found[0]!.family);
    };
    resolveHost(hostname).then(
      (found) => answered(null, found),
      (error: NodeJS.ErrnoException) => answered(error, []),
    );
  };
}

/**
 * POSTs to an address an MSP admin configured, through the outbound guard (checked on the typed
 * address and on every resolved one), with a deadline. Redirects are not followed: a receiver that
 * answers 3xx has failed (following one could lead anywhere).
 */
export function postOutbound(
  rawUrl: string,
  request: { body: string; headers: Record<string, string>; timeoutMs: number },
  rules: OutboundRules,
  /** How host names are resolved: the system's resolver, or a test's stand-in for a DNS answer. */
  resolveHost: ResolveHost = systemResolveHost,
): Promise<OutboundResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const checked = checkOutboundUrl(rawUrl, rules);
  if (!checked.ok)
    return Promise.resolve({
      ok: false,
      problem: { kind: "refused", message: checked.reason, latencyMs: 0 },
    });
  const url = checked.url;
  const client = url.protocol === "https:" ? https : http;
  return new Promise<OutboundResult>((resolve) => {
    let settled = false;
    const finish = (result: OutboundResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      resolve(result);
    };
    const outgoing = client.request(
      url,
      {
        method: "POST",
        headers: {
          ...request.headers,
          "content-length": String(Buffer.byteLength(request.body)),
          "user-agent": "Standby-Notifications/1",
        },
        lookup: guardedLookup(rules, resolveHost),
      },
      (incoming) => {
        const chunks: Buffer[] = [];
        let read = 0;
        incoming.on("data", (chunk: Buffer) => {
          read += chunk.length;
          if (read <= BODY_READ_BYTES) chunks.push(chunk);
          else incoming.destroy();
        });
        const answer = () =>
          finish({
            ok: true,
            answer: {
              status: incoming.statusCode ?? 0,
              retryAfter: headerOf(incoming.headers, "retry-after"),
              body: Buffer.concat(chunks).toString("utf8").slice(0, BODY_KEPT_BYTES),
              latencyMs: elapsed(),
            },
          });
        incoming.on("end", answer);
        incoming.on("close", answer);
      },
    );
    const deadline = setTimeout(() => {
      finish({
        ok: false,
        problem: {
          kind: "timeout",
          message: `No answer within ${request.timeoutMs / 1000} s.`,
          latencyMs: elapsed(),
        },
      });
      outgoing.destroy();
    }, request.timeoutMs);
    outgoing.on("error", (error) =>
      finish({
        ok: false,
        problem:
          error instanceof RefusedAddress
            ? { kind: "refused", message: error.message, latencyMs: elapsed() }
            : { kind: "connection", message: connectionMessage(error), latencyMs: elapsed() },
      }),
    );
    outgoing.end(request.body);
  });
}

function headerOf(headers: IncomingHttpHeaders, name: string): string | null {
  const value = headers[name];
  return Array.isArray(value) ? (value[0] ?? null) : (value ?? null);
}

function connectionMessage(error: Error & { code?: string }): string {
  switch (error.code) {
    case "ENOTFOUND":
      return "The receiver's host name does not exist (DNS found no address).";
    case "ECONNREFUSED":
      return "The receiver refused the connection.";
    case "ECONNRESET":
      return "The receiver closed the connection.";
    case "CERT_HAS_EXPIRED":
    case "DEPTH_ZERO_SELF_SIGNED_CERT":
    case "SELF_SIGNED_CERT_IN_CHAIN":
    case "UNABLE_TO_VERIFY_LEAF_SIGNATURE":
    case "ERR_TLS_CERT_ALTNAME_INVALID":
      return `The receiver's TLS certificate is not valid (${error.code}).`;
    default:
      return `Could not reach the receiver (${error.code ?? error.message}).`;
  }
}
