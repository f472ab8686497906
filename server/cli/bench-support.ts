/**
 * What `npm run bench` and `npm run load` share: the built app, the planner's statistics after a
 * bulk load, the derived figures a first read would compute, percentiles, the machine line, and
 * each script's own section of BENCHMARKS.md.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import os from "node:os";
import autocannon from "autocannon";
import { sql } from "drizzle-orm";
import postgres from "postgres";

/** Builds the app (next build) when there is no build yet. */
export function ensureBuilt() {
  if (existsSync(".next/BUILD_ID")) return;
  console.log("Building the app (next build)…");
  if (spawnSync("npx", ["next", "build"], { stdio: "inherit" }).status !== 0)
    throw new Error("next build failed");
}

/** VACUUM ANALYZE and a checkpoint after a bulk load, as autovacuum and the checkpointer would do on a running server. */
export async function analyze(ownerUrl: string) {
  const owner = postgres(ownerUrl, { max: 1, onnotice: () => {} });
  try {
    await owner`vacuum analyze`;
    // The seed's writes are flushed now rather than by a checkpoint in the middle of the first measure.
    await owner`checkpoint`.catch(() => {}); // needs a superuser or pg_checkpoint; without it the measure is only noisier
  } finally {
    await owner.end();
  }
}

/**
 * Readiness and the quarterly figures of every practice of an MSP, computed once as the first reads
 * after loading would. Needs APP_DATABASE_URL set before the first call (the services connect as the app).
 */
export async function computeDerivedFigures(mspId: string) {
  const { withTenant } = await import("@/db/tenant");
  const { refreshReadiness } = await import("@/server/services/portfolio");
  const { quarterlyMetrics, refreshPracticeFigures } = await import("@/server/services/metrics");
  await withTenant({ mspId, userId: null, role: "admin", practiceIds: "*" }, async (tx) => {
    const context = {
      tx,
      mspId,
      actor: { userId: null, name: "Bench", role: "admin" as const },
      practiceIds: "*" as const,
    };
    const ids = (
      await tx.execute<{ practice_id: string }>(
        sql`select practice_id from practice_readiness where msp_id = ${mspId}`,
      )
    ).map((row) => row.practice_id);
    // In batches: one statement for 2,000 practices' eight quarters would pass the app role's
    // statement timeout (db/client.ts), which no request comes near.
    for (let start = 0; start < ids.length; start += 200) {
      const batch = ids.slice(start, start + 200);
      await refreshReadiness(context, batch);
      await refreshPracticeFigures(context, batch);
    }
    await quarterlyMetrics(context, {});
  });
}

/** The value at percentile p (nearest rank) of an ascending list. */
export function percentile(sorted: readonly number[], p: number) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export type Stats = {
  p50: number;
  p95: number;
  requestsPerSecond: number;
  requests: number;
  errors: number;
};

export function statsOf(latencies: number[], seconds: number, errors: number): Stats {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    requestsPerSecond: latencies.length / seconds,
    requests: latencies.length,
    errors,
  };
}

/** GETs `url` over `connections` connections for `seconds`, every response's latency kept (autocannon reports no p95). */
export async function httpLoad(
  url: string,
  cookie: string,
  connections: number,
  seconds: number,
): Promise<Stats> {
  const latencies: number[] = [];
  let errors = 0;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      { url, connections, duration: seconds, headers: { cookie } },
      (error, outcome) => (error ? reject(error) : resolve(outcome)),
    );
    instance.on("response", (_client, statusCode, _bytes, responseTime) => {
      if (statusCode !== 200) errors++;
      latencies.push(responseTime);
    });
  });
  return statsOf(latencies, seconds, errors + result.errors + result.timeouts);
}

export type LatencySummary = { count: number; p50: number; p95: number; p99: number };

export function summarize(latencies: readonly number[]): LatencySummary {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    count: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
  };
}

export const ms = (value: number) => (Number.isNaN(value) ? "–" : `${value.toFixed(1)} ms`);

export const passMark = (ok: boolean) => (ok ? "yes" : "**no**");

/** "2 × AMD EPYC …, 24 GiB, linux 6.x, Node v20.x" */
export function machineLine() {
  const cpu = os.cpus()[0]?.model.trim() ?? "unknown CPU";
  return `${os.cpus().length} × ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.platform()} ${os.release()}, Node ${process.version}`;
}

export const today = () => new Date().toISOString().slice(0, 10);

/** A GET of one tRPC query with its input in the { json } envelope. */
export const trpcGet = (procedure: string, input: unknown) =>
  `/api/trpc/${procedure}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`;

/**
 * Writes `section` (which starts with `marker`, a "## …" heading without its date) into
 * BENCHMARKS.md in place of the previous run's section with that heading; other sections stay.
 */
export async function writeBenchmarkSection(
  marker: string,
  section: string,
  file = "BENCHMARKS.md",
) {
  const existing = existsSync(file)
    ? await readFile(file, "utf8")
    : "# Benchmarks\n\nFigures measured on this project's own machines with `npm run bench` and `npm run load`.\n\n";
  const start = existing.indexOf(marker);
  const end = start < 0 ? -1 : existing.indexOf("\n## ", start + marker.length);
  const kept =
    start < 0 ? existing : existing.slice(0, start) + (end < 0 ? "" : existing.slice(end + 1));
  await writeFile(file, `${kept.trimEnd()}\n\n${section.trimEnd()}\n`);
  console.log(`Written to ${file}.`);
}
