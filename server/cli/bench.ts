/**
 * npm run bench: seeds a large MSP (2,000 practices, 40,000 incidents, 400,000 timeline entries,
 * 100,000 backup tests, 20,000 risks) and a small one (200 practices) into a fresh database, starts
 * the built app, and measures over HTTP at 20 concurrent connections (autocannon) the portfolio's
 * first page, the MSP-wide and one practice's quarterly metrics, and an incident's timeline. Each is
 * compared with the same SQL (the session check and the service's queries) run straight on the
 * database at the same concurrency (the floor). Then the pages people load (the portfolio, a
 * practice's overview, its plan, an incident room, metrics, the printed packet, sign-in): latency
 * at 20 connections, server CPU per request, bytes and client JavaScript. Results go to
 * BENCHMARKS.md. Last, the notifications: 1,000 deliveries of a vendor-wide outage by one worker.
 * Then the schedule copy: a week of 5,000 appointments synced from the FHIR test server. Then patient
 * outreach: a 500-patient preview over HTTP and a 500-message campaign to a loopback SMS provider.
 * BENCH_ONLY=pages measures only the pages, BENCH_ONLY=notifications only the notifications,
 * BENCH_ONLY=schedule only the schedule sync, BENCH_ONLY=outreach only patient outreach. Last, the
 * monitors (server/cli/bench-monitors.ts): 2,000 monitors at a 60 s interval run by one worker while
 * the portfolio is read; BENCH_ONLY=monitors measures only those. The command menu's search.find
 * (server/cli/bench-search.ts) is measured after the pages; BENCH_ONLY=search measures only it.
 * BENCH_ONLY=day measures only the continuity schedule's data call, on a 20-practice MSP.
 */
import { PORTFOLIO_PAGE_SIZE } from "@/components/portfolio/params";
import type { Transaction } from "@/db/client";
import { provisionTestDatabase } from "@/db/test-database";
import { startBuiltApp, signInOverHttp, type BuiltApp } from "@/server/test/built-app";
import { localDate } from "@/server/domain/local-date";
import { largeMsp, seedBenchMsp } from "./bench-data";
import { measureNotifications } from "./bench-notifications";
import { measureOutreach } from "./bench-outreach";
import {
  BENCH_PATIENT_DATA_KEY,
  declareScheduleOutage,
  measureScheduleSync,
  practiceTimezone,
  plantScheduleDay,
} from "./bench-schedule";
import { cpuPerRequest, kB, pageWeight, type PageWeight } from "./bench-pages";
import {
  analyze,
  computeDerivedFigures,
  ensureBuilt,
  httpLoad,
  machineLine,
  ms,
  passMark as pass,
  statsOf,
  today,
  trpcGet,
  writeBenchmarkSection,
  type Stats,
} from "./bench-support";
import { measureMonitors } from "./bench-monitors";
import { measureSearch, seedSearchData } from "./bench-search";

const PASSWORD = "bench-downtime-ready-2026";
const CONNECTIONS = 20;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const PORT = Number(process.env.BENCH_PORT ?? 3190);
const TARGETS = { p95Ms: 150, ratio: 3, growth: 1.5 };
const ONLY_PAGES = process.env.BENCH_ONLY === "pages";
const ONLY_NOTIFICATIONS = process.env.BENCH_ONLY === "notifications";
const ONLY_SCHEDULE = process.env.BENCH_ONLY === "schedule";
const ONLY_OUTREACH = process.env.BENCH_ONLY === "outreach";
const ONLY_MONITORS = process.env.BENCH_ONLY === "monitors";
const ONLY_SEARCH = process.env.BENCH_ONLY === "search";
/** Only the continuity schedule's data call, on a small MSP: a quick check of the one figure. */
const ONLY_DAY = process.env.BENCH_ONLY === "day";
/** Sequential loads per page for its CPU per request. */
const SEQUENTIAL_LOADS = Number(process.env.BENCH_SEQUENTIAL ?? 40);
/** Server CPU per request (app + database) each page must stay within; bodies and scripts in kB. */
const PAGE_TARGETS = {
  portfolioCpuMs: 30,
  overviewCpuMs: 15,
  otherCpuMs: 40,
  portfolioBodyKb: 150,
  incidentRoomScriptKb: 150,
  signInScriptKb: 120,
};

/** HTTP at 20 connections for SECONDS, every response's latency kept (autocannon reports no p95). */
const overHttp = (pathAndQuery: string, cookie: string): Promise<Stats> =>
  httpLoad(`http://127.0.0.1:${PORT}${pathAndQuery}`, cookie, CONNECTIONS, SECONDS);

/** The same work straight on the database: CONNECTIONS loops calling the service in its transaction. */
async function onDatabase(run: () => Promise<unknown>): Promise<Stats> {
  const latencies: number[] = [];
  const until = Date.now() + SECONDS * 1000;
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (Date.now() < until) {
        const started = performance.now();
        await run();
        latencies.push(performance.now() - started);
      }
    }),
  );
  return statsOf(latencies, SECONDS, 0);
}

type SeededMsp = Awaited<ReturnType<typeof seedBenchMsp>>;
type PageRow = {
  name: string;
  http: Stats | null;
  cpu: { appMs: number; databaseMs: number; aloneMs: number } | null;
  weight: PageWeight;
  cpuTargetMs: number | null;
};

/** The pages people load, each as a browser asks for it: the document, then its scripts. */
async function measurePages(
  app: BuiltApp,
  {
    large,
    small,
    largeCookie,
    smallCookie,
    frontDeskCookie,
    databaseName,
    ownerUrl,
  }: {
    large: SeededMsp;
    small: SeededMsp;
    largeCookie: string;
    smallCookie: string;
    /** A technician's: the continuity schedule holds patient data, which admins do not read. */
    frontDeskCookie: string;
    databaseName: string;
    ownerUrl: string;
  },
) {
  const pid = app.process.pid!;
  const room = large.sampleIncident;
  const practice = large.samplePracticeId;
  const pages: {
    name: string;
    path: string;
    cpuTargetMs: number;
    cookie?: string;
    /** Done just before this page is measured (after the pages above it). */
    prepare?: () => Promise<void>;
  }[] = [
    {
      name: "Portfolio (first page of 50)",
      path: "/portfolio",
      cpuTargetMs: PAGE_TARGETS.portfolioCpuMs,
    },
    {
      name: "Practice overview",
      path: `/practices/${practice}`,
      cpuTargetMs: PAGE_TARGETS.overviewCpuMs,
    },
    { name: "Plan", path: `/practices/${practice}/plan`, cpuTargetMs: PAGE_TARGETS.otherCpuMs },
    {
      name: "Incident room",
      path: `/practices/${room.practiceId}/incidents/${room.incidentId}`,
      cpuTargetMs: PAGE_TARGETS.otherCpuMs,
    },
    { name: "Metrics (MSP-wide)", path: "/metrics", cpuTargetMs: PAGE_TARGETS.otherCpuMs },
    {
      name: "Printed packet",
      path: `/print/practices/${practice}/packet`,
      cpuTargetMs: PAGE_TARGETS.otherCpuMs,
    },
    {
      name: "Continuity schedule (a 120-appointment day during an outage, as a technician)",
      path: `/practices/${practice}/schedule`,
      cpuTargetMs: PAGE_TARGETS.otherCpuMs,
      cookie: frontDeskCookie,
      // The day as the front desk meets it: an outage open, four mark buttons on every appointment.
      prepare: () => declareScheduleOutage(ownerUrl, large.mspId, practice),
    },
  ];
  const rows: PageRow[] = [];
  for (const page of pages) {
    console.log(`Measuring the page: ${page.name}`);
    await page.prepare?.();
    const cookie = page.cookie ?? largeCookie;
    const weight = await pageWeight(app.url, page.path, cookie);
    await overHttp(page.path, cookie); // warm-up
    const http = await overHttp(page.path, cookie);
    const cpu = await cpuPerRequest(
      pid,
      databaseName,
      `${app.url}${page.path}`,
      cookie,
      SEQUENTIAL_LOADS,
    );
    rows.push({ ...page, http, cpu, weight });
  }
  rows.push({
    name: "Sign-in",
    http: null,
    cpu: null,
    weight: await pageWeight(app.url, "/sign-in", ""),
    cpuTargetMs: null,
  });

  console.log("Measuring the pages' growth (200 practices)");
  const growth = [];
  for (const [name, smallPath] of [
    ["Portfolio", "/portfolio"],
    ["Practice overview", `/practices/${small.samplePracticeId}`],
  ] as const) {
    await cpuPerRequest(pid, databaseName, `${app.url}${smallPath}`, smallCookie, 5); // warm-up
    const smallCpu = await cpuPerRequest(
      pid,
      databaseName,
      `${app.url}${smallPath}`,
      smallCookie,
      SEQUENTIAL_LOADS,
    );
    const largeRow = rows.find((row) => row.name.startsWith(name))!;
    growth.push(
      `${name}: ${ms(smallCpu.appMs + smallCpu.databaseMs)} of server CPU at 200 practices, ${ms(largeRow.cpu!.appMs + largeRow.cpu!.databaseMs)} at 2,000 (×${((largeRow.cpu!.appMs + largeRow.cpu!.databaseMs) / (smallCpu.appMs + smallCpu.databaseMs)).toFixed(2)}).`,
    );
  }

  const dayLine = await measureDayCall(pid, {
    url: app.url,
    practiceId: practice,
    cookie: frontDeskCookie,
    databaseName,
    ownerUrl,
  });

  const cpuOf = (row: PageRow) => (row.cpu ? row.cpu.appMs + row.cpu.databaseMs : NaN);
  const portfolio = rows[0]!;
  const roomRow = rows.find((row) => row.name === "Incident room")!;
  const signIn = rows.find((row) => row.name === "Sign-in")!;
  const table = [
    "| Page | p50 | p95 | server CPU per request (app + database) | one request alone | HTML | of which hydration payload | sent gzip | scripts (gzip) | p95 ≤ 150 ms | CPU target |",
    "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ...rows.map(
      (row) =>
        `| ${row.name} | ${row.http ? ms(row.http.p50) : "–"} | ${row.http ? ms(row.http.p95) : "–"} | ${row.cpu ? `${ms(cpuOf(row))} (${ms(row.cpu.appMs)} + ${ms(row.cpu.databaseMs)})` : "–"} | ${row.cpu ? ms(row.cpu.aloneMs) : "–"} | ${kB(row.weight.htmlBytes)} | ${kB(row.weight.payloadBytes)} | ${kB(row.weight.sentGzipBytes)} | ${kB(row.weight.scriptGzipBytes)} in ${row.weight.scripts} files | ${row.http ? pass(row.http.p95 <= TARGETS.p95Ms) : "–"} | ${row.cpuTargetMs === null ? "–" : `≤ ${row.cpuTargetMs} ms: ${pass(cpuOf(row) <= row.cpuTargetMs)}`} |`,
    ),
  ].join("\n");
  const section = [
    `## Page loads at large-MSP scale — ${today()}`,
    "",
    `Machine: ${machineLine()}. Data: the seed above (2,000 practices; the growth line compares the 200-practice MSP).`,
    `Each page is requested as a browser does, signed in as the MSP's admin: p50/p95 with autocannon at ${CONNECTIONS} connections for ${SECONDS} s after a warm-up; server CPU per request from /proc (the app's process and the PostgreSQL backends serving the benchmark's database) over ${SEQUENTIAL_LOADS} loads one after another; HTML and the React payload inlined in it for hydration, uncompressed; "sent gzip" is what the server sends a browser that accepts gzip; scripts are every JavaScript file the document loads, gzipped.`,
    "",
    table,
    "",
    ...growth,
    "",
    dayLine,
    "",
    `Targets: portfolio ≤ ${PAGE_TARGETS.portfolioCpuMs} ms of CPU and ≤ ${PAGE_TARGETS.portfolioBodyKb} kB of HTML (${kB(portfolio.weight.htmlBytes)}: ${pass(portfolio.weight.htmlBytes <= PAGE_TARGETS.portfolioBodyKb * 1000)}); incident room scripts ≤ ${PAGE_TARGETS.incidentRoomScriptKb} kB gzip (${pass(roomRow.weight.scriptGzipBytes <= PAGE_TARGETS.incidentRoomScriptKb * 1000)}); sign-in scripts ≤ ${PAGE_TARGETS.signInScriptKb} kB gzip (${pass(signIn.weight.scriptGzipBytes <= PAGE_TARGETS.signInScriptKb * 1000)}).`,
    "",
  ].join("\n");
  console.log(`\n${section}`);
  await writeBenchmarkSection("## Page loads at large-MSP scale", section);
}

/**
 * What the continuity schedule's page reads, alone: the day's data call (the page's Refresh, and any
 * other client), at CONNECTIONS connections, and its server CPU per call. Beside it, the floor: a
 * signed-in call that reads almost nothing (account.security), through the same session check,
 * transaction and tRPC, so the figure can be read against what any call costs on this machine.
 */
async function measureDayCall(
  pid: number,
  {
    url,
    practiceId,
    cookie,
    databaseName,
    ownerUrl,
  }: { url: string; practiceId: string; cookie: string; databaseName: string; ownerUrl: string },
) {
  console.log("Measuring the continuity schedule's data call (schedule.day)");
  const measure = async (call: string) => {
    await overHttp(call, cookie); // warm-up
    const http = await overHttp(call, cookie);
    const cpu = await cpuPerRequest(pid, databaseName, `${url}${call}`, cookie, SEQUENTIAL_LOADS);
    return { http, cpu };
  };
  const day = await measure(
    trpcGet("schedule.day", {
      practiceId,
      date: localDate(new Date(), await practiceTimezone(ownerUrl, practiceId)),
    }),
  );
  const floor = await measure(trpcGet("account.security", undefined));
  const cpuOf = ({ cpu }: typeof day) =>
    `${ms(cpu.appMs + cpu.databaseMs)} of server CPU per call (${ms(cpu.appMs)} + ${ms(cpu.databaseMs)})`;
  return [
    `The continuity schedule's data alone (the \`schedule.day\` call the page's Refresh makes, the same 120 appointments): p50 ${ms(day.http.p50)}, p95 ${ms(day.http.p95)}, ${day.http.requestsPerSecond.toFixed(0)} req/s at ${CONNECTIONS} connections (≤ ${TARGETS.p95Ms} ms: ${pass(day.http.p95 <= TARGETS.p95Ms)}); ${cpuOf(day)}.`,
    `The floor, a signed-in call that reads almost nothing (\`account.security\`: the same session check, transaction and tRPC): p50 ${ms(floor.http.p50)}, p95 ${ms(floor.http.p95)}, ${floor.http.requestsPerSecond.toFixed(0)} req/s at ${CONNECTIONS} connections; ${cpuOf(floor)}.`,
  ].join("\n\n");
}

async function main() {
  ensureBuilt();
  const database = await provisionTestDatabase("standby_bench");
  process.env.APP_DATABASE_URL = database.appUrl;
  delete process.env.DATABASE_URL;
  // Loaded after APP_DATABASE_URL is set: the services connect as the app role, as the app does.
  const { setTenant } = await import("@/db/tenant");
  const { closeDb, getDb } = await import("@/db/client");
  const { hashPassword } = await import("@/server/services/passwords");
  const { listPortfolio } = await import("@/server/services/portfolio");
  const { quarterlyMetrics } = await import("@/server/services/metrics");
  const { listTimeline } = await import("@/server/services/incidents/read");
  const { findEverything } = await import("@/server/services/search");
  const { checkSession, sessionCheckScope, signInWithPassword } =
    await import("@/server/services/auth");
  const { sessionPolicyFromEnv } = await import("@/server/domain/session-rules");
  let app: BuiltApp | null = null;
  try {
    const hash = await hashPassword(PASSWORD);
    const outreach = async (mspId: string) => {
      console.log("Measuring patient outreach (a 500-patient preview and campaign)…");
      const section = await measureOutreach({
        ownerUrl: database.ownerUrl,
        appUrl: database.appUrl,
        authSecret: "benchmark-secret-not-for-production-0123",
        mspId,
        port: PORT,
        password: PASSWORD,
        passwordHash: hash,
        databaseName: database.name,
      });
      console.log(`\n${section}`);
      await writeBenchmarkSection("## Patient outreach", section);
    };
    // A measure of one practice's own needs no large MSP: 20 practices.
    const seedSmallMsp = (label: string) =>
      seedBenchMsp(database.ownerUrl, `Bench ${label} MSP`, `admin@bench-${label}.example`, hash, {
        ...largeMsp,
        practices: 20,
      });
    if (ONLY_OUTREACH) return await outreach((await seedSmallMsp("outreach")).mspId);
    if (ONLY_DAY) {
      const msp = await seedSmallMsp("day");
      const frontDeskEmail = await plantScheduleDay({
        ownerUrl: database.ownerUrl,
        mspId: msp.mspId,
        practiceId: msp.samplePracticeId,
        passwordHash: hash,
        authSecret: "benchmark-secret-not-for-production-0123",
      });
      await declareScheduleOutage(database.ownerUrl, msp.mspId, msp.samplePracticeId);
      process.env.PATIENT_DATA_KEY = BENCH_PATIENT_DATA_KEY;
      app = await startBuiltApp({
        port: PORT,
        appDatabaseUrl: database.appUrl,
        authSecret: "benchmark-secret-not-for-production-0123",
        env: { REQUEST_RATE_LIMIT_PER_MINUTE: "0" },
      });
      const cookie = await signInOverHttp(app.url, frontDeskEmail, PASSWORD);
      const line = await measureDayCall(app.process.pid!, {
        url: app.url,
        practiceId: msp.samplePracticeId,
        cookie,
        databaseName: database.name,
        ownerUrl: database.ownerUrl,
      });
      console.log(`\n${line}`);
      return;
    }
    console.log("Seeding 2,000 + 200 practices…");
    const seededAt = Date.now();
    const large = await seedBenchMsp(
      database.ownerUrl,
      "Bench large MSP",
      "admin@bench-large.example",
      hash,
      largeMsp,
    );
    const small = await seedBenchMsp(
      database.ownerUrl,
      "Bench small MSP",
      "admin@bench-small.example",
      hash,
      { ...largeMsp, practices: 200 },
    );
    const serviceContext = (mspId: string) => (tx: Transaction) => ({
      tx,
      mspId,
      actor: { userId: null, name: "Bench", role: "admin" as const },
      practiceIds: "*" as const,
    });
    // Readiness and the quarterly figures are computed once, as the first reads after loading would,
    // and the planner's statistics gathered, as autovacuum does on a running server.
    for (const msp of [large, small]) await computeDerivedFigures(msp.mspId);
    await analyze(database.ownerUrl);
    const seedSeconds = (Date.now() - seededAt) / 1000;
    const notifications = async () => {
      console.log("Measuring the notifications (1,000 deliveries)…");
      const section = await measureNotifications({
        ownerUrl: database.ownerUrl,
        appUrl: database.appUrl,
        authSecret: "benchmark-secret-not-for-production-0123",
        mspId: small.mspId,
      });
      console.log(`\n${section}`);
      await writeBenchmarkSection("## Notifications", section);
    };
    const scheduleSync = async () => {
      console.log("Measuring the schedule sync (5,000 appointments)…");
      const section = await measureScheduleSync({
        ownerUrl: database.ownerUrl,
        appUrl: database.appUrl,
        authSecret: "benchmark-secret-not-for-production-0123",
        mspId: small.mspId,
      });
      console.log(`\n${section}`);
      await writeBenchmarkSection("## Schedule copy", section);
    };
    const monitors = async () => {
      console.log("Measuring the monitors (2,000 at a 60 s interval, one worker)…");
      const section = await measureMonitors({
        ownerUrl: database.ownerUrl,
        appUrl: database.appUrl,
        authSecret: "benchmark-secret-not-for-production-0123",
        mspId: large.mspId,
        port: PORT,
        adminEmail: "admin@bench-large.example",
        password: PASSWORD,
        portfolioInput: { sort: "score_asc", pageSize: PORTFOLIO_PAGE_SIZE },
      });
      console.log(`\n${section}`);
      await writeBenchmarkSection("## Monitors", section);
    };
    if (ONLY_MONITORS) return await monitors();
    if (ONLY_NOTIFICATIONS) return await notifications();
    if (ONLY_SCHEDULE) return await scheduleSync();
    console.log(`Seeded in ${seedSeconds.toFixed(0)} s. Starting the app on port ${PORT}…`);

    const frontDeskEmail = await plantScheduleDay({
      ownerUrl: database.ownerUrl,
      mspId: large.mspId,
      practiceId: large.samplePracticeId,
      passwordHash: hash,
      authSecret: "benchmark-secret-not-for-production-0123",
    });
    process.env.PATIENT_DATA_KEY = BENCH_PATIENT_DATA_KEY;
    app = await startBuiltApp({
      port: PORT,
      appDatabaseUrl: database.appUrl,
      authSecret: "benchmark-secret-not-for-production-0123",
      // 20 connections of one signed-in person call the API far beyond the per-person limit
      // (1,200 calls a minute): off, so the figures are of answers, not of 429 refusals.
      env: { REQUEST_RATE_LIMIT_PER_MINUTE: "0" },
    });
    const signIn = (email: string) => signInOverHttp(app!.url, email, PASSWORD);
    const [largeCookie, smallCookie, frontDeskCookie] = [
      await signIn("admin@bench-large.example"),
      await signIn("admin@bench-small.example"),
      await signIn(frontDeskEmail),
    ];

    // Every request checks its session in the same transaction as the procedure: the floor does too.
    const signedIn = await signInWithPassword({
      email: "admin@bench-large.example",
      password: PASSWORD,
      clientAddress: "127.0.0.1",
      userAgent: "bench",
    });
    if (!signedIn.ok) throw new Error("The floor's session could not be opened.");
    const claims = {
      sessionId: signedIn.sessionId,
      userId: signedIn.userId,
      mspId: signedIn.mspId,
    };
    const policy = sessionPolicyFromEnv();
    const withSession =
      <T>(
        mspId: string,
        service: (context: ReturnType<ReturnType<typeof serviceContext>>) => Promise<T>,
      ) =>
      () =>
        getDb().transaction(async (tx) => {
          await setTenant(tx, sessionCheckScope(claims));
          if (!(await checkSession(tx, claims, policy)))
            throw new Error("The floor's session ended.");
          await setTenant(tx, { mspId, userId: claims.userId, role: "admin", practiceIds: "*" });
          return service(serviceContext(mspId)(tx));
        });
    // What the portfolio page asks for: its first page, by score.
    const firstPage = {
      search: "",
      filter: "all" as const,
      sort: "score_asc" as const,
      archived: false,
      page: 1,
      pageSize: PORTFOLIO_PAGE_SIZE,
    };
    const firstPageOverHttp = trpcGet("practices.portfolio", {
      sort: "score_asc",
      pageSize: PORTFOLIO_PAGE_SIZE,
    });
    const scenarios = [
      {
        name: `Portfolio, first page by score (${PORTFOLIO_PAGE_SIZE} of 2,000 practices)`,
        http: firstPageOverHttp,
        cookie: largeCookie,
        floor: withSession(large.mspId, (context) => listPortfolio(context, firstPage)),
      },
      {
        name: "MSP-wide metrics, 8 quarters",
        http: trpcGet("metrics.quarterly", {}),
        cookie: largeCookie,
        floor: withSession(large.mspId, (context) => quarterlyMetrics(context, {})),
      },
      {
        name: "One practice's metrics, 8 quarters",
        http: trpcGet("metrics.quarterly", { practiceId: large.samplePracticeId }),
        cookie: largeCookie,
        floor: withSession(large.mspId, (context) =>
          quarterlyMetrics(context, { practiceId: large.samplePracticeId }),
        ),
      },
      {
        name: "An incident's timeline",
        http: trpcGet("incidents.timeline", large.sampleIncident),
        cookie: largeCookie,
        floor: withSession(large.mspId, (context) =>
          listTimeline(context, { ...large.sampleIncident, after: 0 }),
        ),
      },
    ];

    if (!ONLY_PAGES && !ONLY_SEARCH) {
      const rows: { name: string; http: Stats; floor: Stats }[] = [];
      for (const scenario of scenarios) {
        console.log(`Measuring: ${scenario.name}`);
        await overHttp(scenario.http, scenario.cookie); // warm-up
        const http = await overHttp(scenario.http, scenario.cookie);
        const floor = await onDatabase(scenario.floor);
        rows.push({ name: scenario.name, http, floor });
      }
      console.log("Measuring: portfolio growth (200 practices)");
      await overHttp(firstPageOverHttp, smallCookie);
      const smallPortfolio = await overHttp(firstPageOverHttp, smallCookie);
      const growth = rows[0]!.http.p50 / smallPortfolio.p50;
      const growthP95 = rows[0]!.http.p95 / smallPortfolio.p95;

      const table = [
        `| Measure | p50 | p95 | req/s | errors | SQL floor p50 | SQL floor p95 | ratio p95 | p95 ≤ ${TARGETS.p95Ms} ms | ratio ≤ ${TARGETS.ratio} |`,
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
        ...rows.map(({ name, http, floor }) => {
          const ratio = http.p95 / floor.p95;
          return `| ${name} | ${ms(http.p50)} | ${ms(http.p95)} | ${http.requestsPerSecond.toFixed(0)} | ${http.errors} | ${ms(floor.p50)} | ${ms(floor.p95)} | ${ratio.toFixed(2)} | ${pass(http.p95 <= TARGETS.p95Ms)} | ${pass(ratio <= TARGETS.ratio)} |`;
        }),
      ].join("\n");
      const section = [
        `## Readiness and metrics at large-MSP scale — ${today()}`,
        "",
        `Machine: ${machineLine()}. `,
        `Data: 2,000 practices, ${(largeMsp.practices * largeMsp.incidentsPerPractice).toLocaleString("en-US")} incidents, ${(largeMsp.practices * largeMsp.incidentsPerPractice * largeMsp.eventsPerIncident).toLocaleString("en-US")} timeline entries, ${(largeMsp.practices * largeMsp.testsPerPractice).toLocaleString("en-US")} backup tests, ${(largeMsp.practices * largeMsp.risksPerPractice).toLocaleString("en-US")} risks (plus a 200-practice MSP); seeded in ${seedSeconds.toFixed(0)} s.`,
        `Load: autocannon, ${CONNECTIONS} connections, ${SECONDS} s per measure after a ${SECONDS} s warm-up, signed in as the MSP's admin. The SQL floor runs the same SQL straight on the database with ${CONNECTIONS} concurrent callers: the session check every request makes and the service function's queries, in one transaction as a request does. Readiness and quarterly figures are computed once after seeding (as the first reads would) and statistics gathered (as autovacuum would).`,
        "",
        table,
        "",
        `Growth of the portfolio's first page from 200 to 2,000 practices: p50 ${ms(smallPortfolio.p50)} → ${ms(rows[0]!.http.p50)} (×${growth.toFixed(2)}), p95 ${ms(smallPortfolio.p95)} → ${ms(rows[0]!.http.p95)} (×${growthP95.toFixed(2)}); target ≤ ×${TARGETS.growth}: ${pass(growth <= TARGETS.growth && growthP95 <= TARGETS.growth)}.`,
        "",
      ].join("\n");
      console.log(`\n${section}`);
      // This run replaces the previous run's section; other sections (load, reliability) stay.
      await writeBenchmarkSection("## Readiness and metrics at large-MSP scale", section);
    }

    if (!ONLY_SEARCH)
      await measurePages(app, {
        large,
        small,
        largeCookie,
        smallCookie,
        frontDeskCookie,
        databaseName: database.name,
        ownerUrl: database.ownerUrl,
      });
    if (ONLY_PAGES) return;
    // Last on the large MSP: it adds phones, contacts, vendors and open outages.
    console.log("Measuring the command menu's search…");
    await seedSearchData(database.ownerUrl, large.mspId);
    const searchSection = await measureSearch({
      baseUrl: app.url,
      cookie: largeCookie,
      floor: (q) =>
        withSession(large.mspId, (context) => findEverything(context, { q }, "admin"))(),
    });
    console.log(`\n${searchSection}`);
    await writeBenchmarkSection("## Command menu search", searchSection);
    if (ONLY_SEARCH) return;
    // The app's own worker would deliver too: the notifications are measured with one worker alone.
    await app.stop();
    app = null;
    await notifications();
    await scheduleSync();
    await outreach(small.mspId);
    await monitors();
  } finally {
    await app?.stop();
    await closeDb();
    await database.drop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
