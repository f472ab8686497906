import "server-only";
import net from "node:net";
import tls from "node:tls";
import { guardedAddress } from "./guard";
import type { CheckEnvironment, CheckFinding, CheckSpec } from "./types";

const DAY_MS = 24 * 60 * 60 * 1000;

function socketError(error: NodeJS.ErrnoException, host: string, port: number): string {
  switch (error.code) {
    case "ECONNREFUSED":
      return `${host} refused the connection on port ${port}.`;
    case "ECONNRESET":
      return `${host} closed the connection on port ${port}.`;
    case "EHOSTUNREACH":
    case "ENETUNREACH":
      return `${host} cannot be reached (no route).`;
    default:
      return `Could not connect to ${host} on port ${port} (${error.code ?? error.message}).`;
  }
}

/** A TCP check: up when a connection to the port opens within the timeout. */
export async function checkTcp(
  spec: CheckSpec,
  environment: CheckEnvironment,
): Promise<CheckFinding> {
  const port = spec.port ?? 0;
  const guarded = await guardedAddress(spec.target, environment);
  if (!guarded.ok) return { outcome: "down", latencyMs: null, error: guarded.message };
  const started = performance.now();
  return new Promise<CheckFinding>((resolve) => {
    const socket = net.connect({ host: guarded.address, port });
    const finish = (finding: CheckFinding) => {
      clearTimeout(deadline);
      socket.destroy();
      resolve(finding);
    };
    const deadline = setTimeout(
      () =>
        finish({
          outcome: "down",
          latencyMs: null,
          error: `No connection to ${spec.target} on port ${port} within ${spec.timeoutSeconds} s.`,
        }),
      spec.timeoutSeconds * 1000,
    );
    socket.once("connect", () =>
      finish({ outcome: "up", latencyMs: Math.round(performance.now() - started), error: null }),
    );
    socket.once("error", (error) =>
      finish({ outcome: "down", latencyMs: null, error: socketError(error, spec.target, port) }),
    );
  });
}

/**
 * A TLS certificate check: reads the certificate the host presents (for its name, SNI) and counts
 * the days to its expiry. Down when it has expired (or no TLS answer came); degraded when fewer days
 * are left than the threshold. It watches expiry only: the chain is not judged here.
 */
export async function checkTls(
  spec: CheckSpec,
  environment: CheckEnvironment,
): Promise<CheckFinding> {
  const port = spec.port ?? 443;
  const guarded = await guardedAddress(spec.target, environment);
  if (!guarded.ok) return { outcome: "down", latencyMs: null, error: guarded.message };
  const started = performance.now();
  const servername = net.isIP(spec.target) ? undefined : spec.target;
  return new Promise<CheckFinding>((resolve) => {
    const socket = tls.connect({
      host: guarded.address,
      port,
      servername,
      rejectUnauthorized: false,
    });
    const finish = (finding: CheckFinding) => {
      clearTimeout(deadline);
      socket.destroy();
      resolve(finding);
    };
    const deadline = setTimeout(
      () =>
        finish({
          outcome: "down",
          latencyMs: null,
          error: `No TLS answer from ${spec.target} on port ${port} within ${spec.timeoutSeconds} s.`,
        }),
      spec.timeoutSeconds * 1000,
    );
    socket.once("secureConnect", () => {
      const latencyMs = Math.round(performance.now() - started);
      const certificate = socket.getPeerCertificate();
      if (!certificate?.valid_to)
        return finish({
          outcome: "down",
          latencyMs,
          error: `${spec.target} presented no certificate.`,
        });
      const expires = new Date(certificate.valid_to);
      const daysLeft = Math.floor((expires.getTime() - environment.now.getTime()) / DAY_MS);
      const threshold = spec.settings.daysLeftThreshold ?? 14;
      if (expires.getTime() <= environment.now.getTime())
        return finish({
          outcome: "down",
          latencyMs,
          error: `The certificate expired on ${expires.toISOString().slice(0, 10)}.`,
        });
      if (daysLeft < threshold)
        return finish({
          outcome: "degraded",
          latencyMs,
          error: `The certificate expires in ${daysLeft} day${daysLeft === 1 ? "" : "s"} (${expires.toISOString().slice(0, 10)}).`,
        });
      finish({ outcome: "up", latencyMs, error: null });
    });
    socket.once("error", (error) =>
      finish({ outcome: "down", latencyMs: null, error: socketError(error, spec.target, port) }),
    );
  });
}
