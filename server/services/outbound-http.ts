import "server-only";
import dns, { type LookupAddress } from "node:dns";
import http, { type IncomingHttpHeaders } from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import {
  checkOutboundUrl,
  parseOutboundAllowlist,
  resolvedRefusal,
  type OutboundRules,
} from "@/server/domain/outbound-address";
import { env } from "@/server/env";

/**
 * Every request Standby makes to an address someone configured (a notification channel, an SMS
 * provider, a practice's FHIR server) goes through here: the SSRF guard on the typed address and on
 * every address its name resolves to, a deadline, a cap on what is read, and no redirects (a 3xx is
 * an answer, not an instruction: following one could lead anywhere).
 */

/** Where outbound requests may go: https only in production, plus OUTBOUND_ALLOWLIST. */
export function outboundRules(): OutboundRules {
  return {
    httpsOnly: process.env.NODE_ENV === "production",
    allow: parseOutboundAllowlist(env().OUTBOUND_ALLOWLIST),
  };
}

export type OutboundRequest = {
  method: "GET" | "POST";
  headers: Record<string, string>;
  body?: string;
  timeoutMs: number;
  /** Reading stops here; the response then says `truncated`. */
  maxBodyBytes: number;
  userAgent: string;
  /** Who is called, in the words of a failure: "The <peer> refused the connection." */
  peer?: string;
};

export type OutboundResponse = {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** The body was longer than maxBodyBytes: what is here is only its start. */
  truncated: boolean;
  latencyMs: number;
};

export type OutboundProblem = {
  /** refused: the guard said no (never retried); timeout and connection: the network failed. */
  kind: "refused" | "timeout" | "connection";
  message: string;
  latencyMs: number;
};

export type OutboundExchange =
  { ok: true; response: OutboundResponse } | { ok: false; problem: OutboundProblem };

/** How host names are resolved: the system's resolver, or a test's stand-in for a DNS answer. */
export type ResolveHost = (hostname: string) => Promise<LookupAddress[]>;
export const systemResolveHost: ResolveHost = (hostname) =>
  dns.promises.lookup(hostname, { all: true });

class RefusedAddress extends Error {}

/**
 * Resolves a host name and refuses it when any of its addresses is not public (and not allowlisted).
 * The connection then goes to the address checked here: a name cannot resolve to a public address for
 * the check and to a private one for the connection.
 */
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

export function sendOutbound(
  rawUrl: string,
  request: OutboundRequest,
  rules: OutboundRules,
  resolveHost: ResolveHost = systemResolveHost,
): Promise<OutboundExchange> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const checked = checkOutboundUrl(rawUrl, rules);
  if (!checked.ok)
    return Promise.resolve({
      ok: false,
      problem: { kind: "refused", message: checked.reason, latencyMs: 0 },
    });
  const url = checked.url;
  const peer = request.peer ?? "receiver";
  const client = url.protocol === "https:" ? https : http;
  return new Promise<OutboundExchange>((resolve) => {
    let settled = false;
    const finish = (result: OutboundExchange) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      resolve(result);
    };
    const outgoing = client.request(
      url,
      {
        method: request.method,
        headers: {
          ...request.headers,
          ...(request.body === undefined
            ? {}
            : { "content-length": String(Buffer.byteLength(request.body)) }),
          "user-agent": request.userAgent,
        },
        lookup: guardedLookup(rules, resolveHost),
      },
      (incoming) => {
        const chunks: Buffer[] = [];
        let read = 0;
        let truncated = false;
        incoming.on("data", (chunk: Buffer) => {
          read += chunk.length;
          if (read <= request.maxBodyBytes) chunks.push(chunk);
          else {
            truncated = true;
            incoming.destroy();
          }
        });
        const answer = () =>
          finish({
            ok: true,
            response: {
              status: incoming.statusCode ?? 0,
              headers: incoming.headers,
              body: Buffer.concat(chunks),
              truncated,
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
            : { kind: "connection", message: connectionMessage(error, peer), latencyMs: elapsed() },
      }),
    );
    outgoing.end(request.body);
  });
}

export function headerOf(headers: IncomingHttpHeaders, name: string): string | null {
  const value = headers[name];
  return Array.isArray(value) ? (value[0] ?? null) : (value ?? null);
}

function connectionMessage(error: Error & { code?: string }, peer: string): string {
  switch (error.code) {
    case "ENOTFOUND":
      return `The ${peer}'s host name does not exist (DNS found no address).`;
    case "ECONNREFUSED":
      return `The ${peer} refused the connection.`;
    case "ECONNRESET":
      return `The ${peer} closed the connection.`;
    case "CERT_HAS_EXPIRED":
    case "DEPTH_ZERO_SELF_SIGNED_CERT":
    case "SELF_SIGNED_CERT_IN_CHAIN":
    case "UNABLE_TO_VERIFY_LEAF_SIGNATURE":
    case "ERR_TLS_CERT_ALTNAME_INVALID":
      return `The ${peer}'s TLS certificate is not valid (${error.code}).`;
    default:
      return `Could not reach the ${peer} (${error.code ?? error.message}).`;
  }
}
