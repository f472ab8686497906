/**
 * The monitors' figures for npm run bench (BENCH_ONLY=monitors): 2,000 monitors at a 60 s interval
 * (33 checks a second) against HTTP servers and TCP listeners on loopback in this process, checked by
 * ONE worker (its own process) for a few minutes. Measured: the lateness of each check (the moment
 * the worker claimed it minus its due time, from monitor_results), the worker's CPU and memory, the
 * portfolio's data call at 20 connections before and while the worker runs, and the results' and
 * rollups' storage (pg_total_relation_size after the run) extrapolated to a year of that load.
 */
import { readFileSync } from "node:fs";
import http from "node:http";
import net, { type AddressInfo } from "node:net";
import postgres from "postgres";
import { spawnWorker } from "@/server/cli/worker-process";
import { startBuiltApp, signInOverHttp } from "@/server/test/built-app";
import {
  httpLoad,
  machineLine,
  ms,
  passMark as pass,
  today,
  trpcGet,
  type Stats,
} from "./bench-support";

const MONITORS = Number(process.env.BENCH_MONITORS ?? 2_000);
const INTERVAL_SECONDS = 60;
/** How long the worker runs after its first cycle of checks. */
const RUN_SECONDS = Number(process.env.BENCH_MONITOR_SECONDS ?? 180);
const LOAD_SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 20;
const TARGETS = { latenessP95S: 2, portfolioP95Ms: 150 };
const TARGET_SERVERS = 4;
const DAY_S = 86_400;
const CLOCK_TICKS = 100;

const rssMb = (pid: number) =>
  Number(
    readFileSync(`/proc/${pid}/status`, "utf8")
      .split("\n")
      .find((line) => line.startsWith("VmRSS:"))
      ?.match(/\d+/)?.[0] ?? 0,
  ) / 1024;

/** The process's user + system CPU seconds so far. */
function cpuSeconds(pid: number) {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}

/** The whole machine's busy and total CPU time so far (all cores). */
function machineCpu() {
  const [, ...values] = readFileSync("/proc/stat", "utf8").split("\n")[0]!.trim().split(/\s+/);
  const numbers = values.map(Number);
  const idle = numbers[3]! + numbers[4]!;
  const total = numbers.reduce((sum, value) => sum + value, 0);
  return { busy: total - idle, total };
}

async function startTargets() {
  const servers = await Promise.all(
    Array.from(
      { length: TARGET_SERVERS },
      () =>
        new Promise<http.Server>((resolve) => {
          const server = http.createServer((_request, response) => {
            response.writeHead(200, { "content-type": "text/plain" });
            response.end("ok");
          });
          server.keepAliveTimeout = 1000;
          server.listen(0, "127.0.0.1", () => resolve(server));
        }),
    ),
  );
  const listeners = await Promise.all(
    Array.from(
      { length: TARGET_SERVERS },
      () =>
        new Promise<net.Server>((resolve) => {
          const server = net.createServer((socket) => socket.end());
          server.listen(0, "127.0.0.1", () => resolve(server));
        }),
    ),
  );
  const portOf = (server: http.Server | net.Server) => (server.address() as AddressInfo).port;
  return {
    httpPorts: servers.map(portOf),
    tcpPorts: listeners.map(portOf),
    async close() {
      for (const server of servers) server.closeAllConnections();
      await Promise.all(
        [...servers, ...listeners].map(
          (server) => new Promise((resolve) => server.close(() => resolve(undefined))),
        ),
      );
    },
  };
}

const pgArray = (values: readonly number[]) => `{${values.join(",")}}`;
const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MB`;
const gb = (bytes: number) => `${(bytes / 2 ** 30).toFixed(1)} GB`;
const n = (value: number) => Math.round(value).toLocaleString("en-US");

/** Runs against a bench database whose MSP (`mspId`, 2,000 practices) is seeded; returns the BENCHMARKS section. */
export async function measureMonitors({
  ownerUrl,
  appUrl,
  authSecret,
  mspId,
  port,
  adminEmail,
  password,
  portfolioInput,
}: {
  ownerUrl: string;
  appUrl: string;
  authSecret: string;
  mspId: string;
  port: number;
  adminEmail: string;
  password: string;
  portfolioInput: unknown;
}): Promise<string> {
  process.env.OUTBOUND_ALLOWLIST = "127.0.0.1";
  const owner = postgres(ownerUrl, { max: 2, onnotice: () => {} });
  const targets = await startTargets();
  // The app alone: the one worker is the bench's.
  const app = await startBuiltApp({
    port,
    appDatabaseUrl: appUrl,
    authSecret,
    worker: false,
    // 20 connections of one signed-in admin send far more than the per-person limit allows (1,200
    // calls a minute): off here, so the portfolio's figures are of answers, not of 429 refusals.
    env: { OUTBOUND_ALLOWLIST: "127.0.0.1", REQUEST_RATE_LIMIT_PER_MINUTE: "0" },
    // /api/health wants a worker's heartbeat: the app is ready once it answers at all.
    waitForHealth: false,
  });
  let worker: ReturnType<typeof spawnWorker> | null = null;
  try {
    const until = Date.now() + 60_000;
    for (;;) {
      const answered = await fetch(`${app.url}/api/health`).then(
        () => true,
        () => false,
      );
      if (answered) break;
      if (Date.now() > until) throw new Error(`The app at ${app.url} did not start.`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const cookie = await signInOverHttp(app.url, adminEmail, password);
    const portfolio = () =>
      httpLoad(
        `http://127.0.0.1:${port}${trpcGet("practices.portfolio", portfolioInput)}`,
        cookie,
        CONNECTIONS,
        LOAD_SECONDS,
      );
    // One monitor on one system of each practice (HTTP and TCP in turn), due far ahead until the worker runs.
    await owner.begin(async (tx) => {
      await tx`select set_config('app.msp_id', ${mspId}, true), set_config('app.role', 'admin', true), set_config('app.practice_ids', '*', true)`;
      await tx`
        insert into monitors (msp_id, practice_id, system_id, name, kind, target, port, interval_seconds,
                              timeout_seconds, next_check_at)
        select s.msp_id, s.practice_id, s.id, 'Bench ' || s.n,
               (case when s.n % 2 = 0 then 'http' else 'tcp' end)::monitor_kind,
               case when s.n % 2 = 0
                    then 'http://127.0.0.1:' || ((${pgArray(targets.httpPorts)})::int[])[1 + (s.n / 2) % ${TARGET_SERVERS}] || '/health'
                    else '127.0.0.1' end,
               case when s.n % 2 = 1 then ((${pgArray(targets.tcpPorts)})::int[])[1 + (s.n / 2) % ${TARGET_SERVERS}] end,
               ${INTERVAL_SECONDS}, 10, now() + interval '1 day'
          from (select sy.msp_id, sy.practice_id, sy.id, row_number() over (order by sy.practice_id) as n
                  from systems sy where sy.msp_id = ${mspId} and sy.name = 'EHR'
                 limit ${MONITORS}) s`;
    });
    await owner`vacuum analyze monitors`;
    console.log("Portfolio before the worker runs…");
    await portfolio(); // warm-up
    const before = await portfolio();

    worker = spawnWorker({
      env: {
        ...process.env,
        APP_DATABASE_URL: appUrl,
        DATABASE_URL: undefined,
        AUTH_SECRET: authSecret,
        OUTBOUND_ALLOWLIST: "127.0.0.1",
        NODE_ENV: "production",
      },
      stdio: ["ignore", "ignore", "inherit"],
    });
    const pid = worker.pid!;
    const bootStarted = Date.now();
    while (Date.now() - bootStarted < 60_000) {
      const [row] = await owner`select 1 from worker_heartbeats where pid = ${pid}`;
      if (row) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    // Due evenly over the next interval: 33 checks a second, from 2 s from now.
    const [due] = (await owner`
      with due as (select id, row_number() over (order by id) - 1 as i from monitors where msp_id = ${mspId})
      update monitors m set next_check_at = now() + interval '2 seconds'
                                          + (due.i * ${INTERVAL_SECONDS * 1000} / ${MONITORS}) * interval '1 millisecond'
        from due where m.id = due.id
      returning (now() + interval '2 seconds')::text as start`) as unknown as { start: string }[];
    const startedAt = new Date(due!.start);
    console.log(
      `Worker ${pid} running ${MONITORS} monitors; first cycle, then ${RUN_SECONDS} s measured…`,
    );
    const sleepUntil = (at: number) =>
      new Promise((resolve) => setTimeout(resolve, Math.max(0, at - Date.now())));
    // The first cycle warms the worker (connections, compiled code); then the measured window.
    const measureFrom = startedAt.getTime() + INTERVAL_SECONDS * 1000;
    await sleepUntil(measureFrom);
    const cpu0 = cpuSeconds(pid);
    const machine0 = machineCpu();
    let rssMax = rssMb(pid);
    const sampler = setInterval(() => (rssMax = Math.max(rssMax, rssMb(pid))), 1000);
    await sleepUntil(measureFrom + 30_000);
    console.log("Portfolio while the worker runs…");
    await portfolio(); // warm-up under load
    const during = await portfolio();
    const measureTo = measureFrom + RUN_SECONDS * 1000;
    await sleepUntil(measureTo);
    const cpu1 = cpuSeconds(pid);
    const machine1 = machineCpu();
    clearInterval(sampler);
    const rssEnd = rssMb(pid);
    const windowS = (measureTo - measureFrom) / 1000;
    const workerCpuPct = ((cpu1 - cpu0) / windowS) * 100;
    const machinePct = ((machine1.busy - machine0.busy) / (machine1.total - machine0.total)) * 100;
    worker.kill("SIGTERM");
    await new Promise((resolve) => worker!.once("exit", resolve));
    worker = null;

    const [late] = await owner<
      { checks: number; p50: number; p95: number; p99: number; max: number; up: number }[]
    >`
      select count(*)::int as checks,
             percentile_cont(0.5) within group (order by extract(epoch from checked_at - due_at))::float8 as p50,
             percentile_cont(0.95) within group (order by extract(epoch from checked_at - due_at))::float8 as p95,
             percentile_cont(0.99) within group (order by extract(epoch from checked_at - due_at))::float8 as p99,
             max(extract(epoch from checked_at - due_at))::float8 as max,
             count(*) filter (where outcome = 'up')::int as up
        from monitor_results
       where msp_id = ${mspId} and due_at >= ${new Date(measureFrom)} and due_at < ${new Date(measureTo)}`;
    const expected = Math.round((MONITORS * windowS) / INTERVAL_SECONDS);

    // Storage: what the rows of the run take, with their indexes, after a vacuum (as autovacuum would).
    await owner`vacuum analyze monitor_results`;
    const { withTenant } = await import("@/db/tenant");
    const { rollUpMonitorResults } = await import("@/server/services/monitors/rollups");
    await withTenant({ mspId, userId: null, role: "system", practiceIds: "*" }, (tx) =>
      rollUpMonitorResults(
        { tx, mspId, actor: { userId: null, name: "Bench" }, practiceIds: "*" },
        new Date(Date.now() + 3_600_000),
      ),
    );
    await owner`vacuum analyze monitor_rollups`;
    const [sizes] = await owner<
      { results: number; results_bytes: number; rollups: number; rollups_bytes: number }[]
    >`
      select (select count(*) from monitor_results)::int8::float8 as results,
             pg_total_relation_size('monitor_results')::float8 as results_bytes,
             (select count(*) from monitor_rollups)::int8::float8 as rollups,
             pg_total_relation_size('monitor_rollups')::float8 as rollups_bytes`;
    const resultBytes = sizes!.results_bytes / sizes!.results;
    const rollupBytes = sizes!.rollups_bytes / sizes!.rollups;
    const resultsPerDay = (MONITORS * DAY_S) / INTERVAL_SECONDS;
    const rollupsPerDay = MONITORS * 24;
    const results30 = resultsPerDay * 30;
    const rollupsYear = rollupsPerDay * 365;
    const rollups2y = rollupsPerDay * 730;

    const row = (name: string, stats: Stats) =>
      `| Portfolio's data call (practices.portfolio, first page of 2,000 practices), ${CONNECTIONS} connections, ${name} | ${ms(stats.p50)} / ${ms(stats.p95)}, ${stats.requestsPerSecond.toFixed(0)} req/s, ${stats.errors} errors | p95 ≤ ${TARGETS.portfolioP95Ms} ms: ${pass(stats.p95 <= TARGETS.portfolioP95Ms && stats.errors === 0)} |`;
    return [
      `## Monitors — ${today()}`,
      "",
      `Machine: ${machineLine()}. ${n(MONITORS)} monitors (HTTP and TCP in turn) at a ${INTERVAL_SECONDS} s interval — ${(MONITORS / INTERVAL_SECONDS).toFixed(1)} checks a second — against ${TARGET_SERVERS} HTTP servers and ${TARGET_SERVERS} TCP listeners on loopback (allowlisted with OUTBOUND_ALLOWLIST, as the tests do), due evenly over the interval, on the 2,000-practice MSP. ONE worker process (default settings: a claim every 0.5 s, 50 checks at once) runs them; its first cycle is a warm-up, then ${RUN_SECONDS} s are measured. Lateness = the moment the worker claimed the check (monitor_results.checked_at) minus its due time. The app runs beside it without a worker of its own, with the per-person request limit off (REQUEST_RATE_LIMIT_PER_MINUTE=0: 20 connections of one admin exceed it, and its 429 answers would be measured instead of the portfolio).`,
      "",
      "| Measure | Figure | Target |",
      "| --- | --- | --- |",
      `| Checks recorded in the window (expected ${n(expected)}) | ${n(late!.checks)} (${n(late!.up)} up) | all: ${pass(late!.checks >= expected * 0.99)} |`,
      `| Lateness p50 / p95 / p99 / max | ${late!.p50.toFixed(2)} s / ${late!.p95.toFixed(2)} s / ${late!.p99.toFixed(2)} s / ${late!.max.toFixed(2)} s | p95 ≤ ${TARGETS.latenessP95S} s: ${pass(late!.p95 <= TARGETS.latenessP95S)} |`,
      `| Worker CPU (share of one core over the window) | ${workerCpuPct.toFixed(0)} % | – |`,
      `| Worker resident memory, largest / at the end | ${rssMax.toFixed(0)} MB / ${rssEnd.toFixed(0)} MB | – |`,
      `| Whole machine busy over the window (worker, PostgreSQL, app, targets, load; ${machineLine().split(" ×")[0]} cores) | ${machinePct.toFixed(0)} % | – |`,
      row("before the worker runs", before),
      row("while it runs", during),
      "",
      `Storage, measured after the run (pg_total_relation_size, table + indexes, after VACUUM ANALYZE): monitor_results ${n(sizes!.results)} rows in ${mb(sizes!.results_bytes)} = ${resultBytes.toFixed(0)} bytes a row; monitor_rollups ${n(sizes!.rollups)} rows in ${mb(sizes!.rollups_bytes)} = ${rollupBytes.toFixed(0)} bytes a row (a table this small carries page overhead: the figure is an upper bound).`,
      "",
      "| For this load (2,000 monitors, 60 s) | Rows | Size |",
      "| --- | --- | --- |",
      `| Results a day | ${n(resultsPerDay)} | ${mb(resultsPerDay * resultBytes)} |`,
      `| Results kept (30 days, steady from day 30 on) | ${n(results30)} | ${gb(results30 * resultBytes)} |`,
      `| Rollups a day (hourly) | ${n(rollupsPerDay)} | ${mb(rollupsPerDay * rollupBytes)} |`,
      `| Rollups after a year | ${n(rollupsYear)} | ${gb(rollupsYear * rollupBytes)} |`,
      `| Rollups kept (2 years, steady from then on) | ${n(rollups2y)} | ${gb(rollups2y * rollupBytes)} |`,
      `| **A year of that load in total** (30 days of results + a year of rollups) | ${n(results30 + rollupsYear)} | **${gb(results30 * resultBytes + rollupsYear * rollupBytes)}** (steady state after 2 years: ${gb(results30 * resultBytes + rollups2y * rollupBytes)}) |`,
      "",
      "Deleting a day's expired results each hour leaves free space that new rows reuse (no growth beyond the 30 days), plus what autovacuum has not yet reclaimed.",
      "",
    ].join("\n");
  } finally {
    if (worker && worker.exitCode === null) worker.kill("SIGTERM");
    await app.stop();
    await targets.close();
    await owner.end();
  }
}
