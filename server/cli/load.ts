/**
 * npm run load: 50 people signed in at once, each as their own account, using Standby the way its
 * pages do for LOAD_SECONDS (60 s) after a short warm-up: browse the portfolio, open a plan, post
 * updates to open outages, record backup tests, read the quarterly metrics, with a think time
 * between actions. Every request's latency is kept per action; any non-2xx answer or tRPC error is
 * an error. Afterwards the writes acknowledged are looked for in the database. Results go to
 * BENCHMARKS.md (this script's own section); the exit code is non-zero when anything failed.
 *
 * The data: a fresh database with one MSP of 200 practices and two years of history (the bench's
 * seeder), 50 people (admins, technicians, practice managers, leadership) and 20 open outages.
 */
import { randomUUID } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import postgres from "postgres";
import superjson, { type SuperJSONResult } from "superjson";
import { TESTS_PAGE_SIZE } from "@/components/backups/types";
import { PORTFOLIO_PAGE_SIZE } from "@/components/portfolio/params";
import { provisionTestDatabase } from "@/db/test-database";
import { startBuiltApp, signInOverHttp, type BuiltApp } from "@/server/test/built-app";
import {
  seedBenchMembers,
  seedBenchMsp,
  type BenchMember,
  type BenchPractice,
  type BenchRole,
  type BenchScale,
  type BenchTeam,
} from "./bench-data";
import {
  analyze,
  computeDerivedFigures,
  ensureBuilt,
  machineLine,
  ms,
  passMark,
  summarize,
  today,
  writeBenchmarkSection,
} from "./bench-support";

const TEAM: BenchTeam = { admin: 5, technician: 20, practice_manager: 15, leadership: 10 };
const USERS = Object.values(TEAM).reduce((sum, count) => sum + count, 0);
const PRACTICES_PER_MANAGER = 3;
const SCALE: BenchScale = {
  practices: 200,
  incidentsPerPractice: 20,
  eventsPerIncident: 10,
  testsPerPractice: 50,
  risksPerPractice: 10,
};
/** Open outages: one in each practice manager's first practice, and a few more elsewhere. */
const EXTRA_OUTAGES = 5;
const SECONDS = Number(process.env.LOAD_SECONDS ?? 60);
const WARM_UP_SECONDS = Number(process.env.LOAD_WARM_UP_SECONDS ?? 10);
const PORT = Number(process.env.LOAD_PORT ?? 3195);
/** After every action a person reads the page for a while: uniformly between these. */
const THINK_TIME_MS = { min: 500, max: 1_500 } as const;
const TARGET = { p95Ms: 200, errors: 0 };
/** Share of saves sent a second time with the same idempotency key (a double click, a retry after a lost answer). */
const RESEND_SHARE = 0.05;
const PASSWORD = "load-downtime-ready-2026";
const EMAIL_DOMAIN = "load-msp.example";
const BASE = `http://127.0.0.1:${PORT}`;
const RUN = randomUUID().slice(0, 8);

const actionNames = [
  "Browse the portfolio",
  "Open a plan",
  "Post an incident update",
  "Record a backup test",
  "Read quarterly metrics",
] as const;
type ActionName = (typeof actionNames)[number];

/** How often each role does each action (weights). */
const MIX: Record<BenchRole, Partial<Record<ActionName, number>>> = {
  admin: {
    "Browse the portfolio": 3,
    "Open a plan": 2,
    "Post an incident update": 2,
    "Record a backup test": 1,
    "Read quarterly metrics": 2,
  },
  technician: {
    "Browse the portfolio": 3,
    "Open a plan": 2,
    "Post an incident update": 3,
    "Record a backup test": 3,
    "Read quarterly metrics": 1,
  },
  practice_manager: {
    "Browse the portfolio": 2,
    "Open a plan": 3,
    "Post an incident update": 3,
    "Read quarterly metrics": 2,
  },
  leadership: { "Browse the portfolio": 3, "Open a plan": 2, "Read quarterly metrics": 5 },
};

type Outage = { practiceId: string; incidentId: string };
type VirtualUser = { member: BenchMember; cookie: string; outages: Outage[] };

/** What the run saw: per action, every request's latency and the errors; the saves acknowledged. */
class Recorder {
  measuring = false;
  readonly latencies = new Map<ActionName, number[]>(actionNames.map((name) => [name, []]));
  readonly errors = new Map<ActionName, number>(actionNames.map((name) => [name, 0]));
  readonly actions = new Map<ActionName, number>(actionNames.map((name) => [name, 0]));
  readonly firstErrors: string[] = [];
  warmUpErrors = 0;
  lateErrors = 0;
  /** Idempotency keys of saves the app acknowledged (whether during warm-up or the run). */
  readonly updatesAcknowledged = new Set<string>();
  readonly testsAcknowledged = new Set<string>();
  resends = 0;

  /** Every measured request's latency by the 10 s window it ended in: whether the run drifts. */
  readonly windows: number[][] = [];
  measuredSince = 0;

  request(action: ActionName, latencyMs: number, problem: string | null) {
    if (problem) {
      if (this.firstErrors.length < 5)
        this.firstErrors.push(`${this.measuring ? "" : "(warm-up) "}${problem}`);
      if (!this.measuring) this.warmUpErrors++;
    }
    if (!this.measuring) return;
    this.latencies.get(action)!.push(latencyMs);
    const window = Math.floor((performance.now() - this.measuredSince) / 10_000);
    (this.windows[window] ??= []).push(latencyMs);
    if (problem) this.errors.set(action, this.errors.get(action)! + 1);
  }

  /** An error found in an answer after its latency was recorded. */
  problem(text: string) {
    if (this.firstErrors.length < 5) this.firstErrors.push(text);
    if (this.measuring) this.lateErrors++;
    else this.warmUpErrors++;
  }

  action(action: ActionName) {
    if (this.measuring) this.actions.set(action, this.actions.get(action)! + 1);
  }

  get errorCount() {
    return (
      [...this.errors.values()].reduce((sum, count) => sum + count, 0) +
      this.lateErrors +
      this.warmUpErrors
    );
  }
}

const recorder = new Recorder();

type TrpcAnswer = {
  result?: { data: SuperJSONResult };
  error?: { json: { message: string; data?: { code?: string } } };
};

/** One HTTP request as the browser's tRPC client (httpBatchLink, superjson) sends it; its latency is recorded under the action. */
async function send(
  user: VirtualUser,
  action: ActionName,
  method: "GET" | "POST",
  path: string,
  body?: string,
): Promise<unknown[] | null> {
  const started = performance.now();
  let problem: string | null = null;
  let text = "";
  let status = 0;
  try {
    const response = await fetch(`${BASE}${path}`, {
      method,
      redirect: "manual",
      headers: {
        cookie: user.cookie,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      body,
    });
    status = response.status;
    text = await response.text();
  } catch (error) {
    problem = `${action} (${user.member.email}): ${error instanceof Error ? error.message : String(error)}`;
  }
  const latency = performance.now() - started;
  let results: unknown[] | null = null;
  if (!problem) {
    if (status < 200 || status >= 300)
      problem = `${action} (${user.member.email}): HTTP ${status} ${text.slice(0, 300)}`;
    else {
      try {
        const answers = JSON.parse(text) as TrpcAnswer[];
        const failed = answers.find((answer) => answer.error);
        if (failed)
          problem = `${action} (${user.member.email}): tRPC ${failed.error!.json.data?.code ?? "error"}: ${failed.error!.json.message}`;
        else results = answers.map((answer) => superjson.deserialize(answer.result!.data));
      } catch {
        problem = `${action} (${user.member.email}): unreadable answer ${text.slice(0, 300)}`;
      }
    }
  }
  recorder.request(action, latency, problem);
  return results;
}

/** Queries batched into one GET, as the client's batch link sends the queries of one render. */
function query(
  user: VirtualUser,
  action: ActionName,
  calls: [procedure: string, input: unknown][],
) {
  const input = Object.fromEntries(
    calls.map(([, value], index) => [index, superjson.serialize(value)]),
  );
  return send(
    user,
    action,
    "GET",
    `/api/trpc/${calls.map(([procedure]) => procedure).join(",")}?batch=1&input=${encodeURIComponent(JSON.stringify(input))}`,
  );
}

async function mutate<T>(
  user: VirtualUser,
  action: ActionName,
  procedure: string,
  input: unknown,
): Promise<T | null> {
  const results = await send(
    user,
    action,
    "POST",
    `/api/trpc/${procedure}?batch=1`,
    JSON.stringify({ 0: superjson.serialize(input) }),
  );
  return (results?.[0] as T | undefined) ?? null;
}

const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)]!;
const sleep = (milliseconds: number) => new Promise((resolve) => setTimeout(resolve, milliseconds));
const thinkTime = () => THINK_TIME_MS.min + Math.random() * (THINK_TIME_MS.max - THINK_TIME_MS.min);

/** A save the person's form sends with one key; now and then sent again with the same key, which must answer the same. */
async function save<T>(
  user: VirtualUser,
  action: ActionName,
  procedure: string,
  input: { idempotencyKey: string } & Record<string, unknown>,
  acknowledged: Set<string>,
  same: (a: T, b: T) => boolean,
) {
  const first = await mutate<T>(user, action, procedure, input);
  if (first === null) return;
  acknowledged.add(input.idempotencyKey);
  if (Math.random() >= RESEND_SHARE) return;
  recorder.resends++;
  const again = await mutate<T>(user, action, procedure, input);
  if (again !== null && !same(first, again))
    recorder.problem(
      `${action} (${user.member.email}): the same key answered differently (${JSON.stringify(first)} then ${JSON.stringify(again)})`,
    );
}

const runners: Record<ActionName, (user: VirtualUser) => Promise<unknown>> = {
  // The portfolio page: one query, least ready first most of the time.
  "Browse the portfolio": (user) => {
    const sort = Math.random() < 0.7 ? "score_asc" : pick(["score_desc", "name"] as const);
    const pages = Math.ceil(user.member.practices.length / PORTFOLIO_PAGE_SIZE);
    const page = Math.random() < 0.8 ? 1 : 1 + Math.floor(Math.random() * pages);
    return query(user, "Browse the portfolio", [
      [
        "practices.portfolio",
        {
          search: "",
          filter: Math.random() < 0.9 ? "all" : "active_incident",
          sort,
          archived: false,
          page,
          pageSize: PORTFOLIO_PAGE_SIZE,
        },
      ],
    ]);
  },
  // The plan page reads the practice and its plan together.
  "Open a plan": (user) => {
    const practiceId = pick(user.member.practices).id;
    return query(user, "Open a plan", [
      ["practices.get", { practiceId }],
      ["plans.get", { practiceId }],
    ]);
  },
  // The incident room's update form; the timeline itself arrives over the live stream.
  "Post an incident update": (user) => {
    const outage = pick(user.outages);
    const idempotencyKey = randomUUID();
    return save<{ seq: number }>(
      user,
      "Post an incident update",
      "incidents.postUpdate",
      {
        ...outage,
        idempotencyKey,
        body: `Load run ${RUN}: still down, on paper charts (${idempotencyKey}).`,
        shareWithLinked: true,
      },
      recorder.updatesAcknowledged,
      (a, b) => a.seq === b.seq,
    );
  },
  // The backups page's dialog saves the test, then the page refetches its overview and history.
  "Record a backup test": async (user) => {
    const practice = pick(user.member.practices);
    const idempotencyKey = randomUUID();
    const testedAt = new Date();
    testedAt.setSeconds(0, 0);
    await save<{ id: string }>(
      user,
      "Record a backup test",
      "backups.recordTest",
      {
        practiceId: practice.id,
        systemId: practice.fileServerSystemId,
        kind: "whole_vm",
        testedAt,
        testedByName: user.member.name,
        result: Math.random() < 0.9 ? "pass" : "partial",
        restoreMinutes: 30 + Math.floor(Math.random() * 200),
        dataAgeMinutes: 60 + Math.floor(Math.random() * 1000),
        evidence: `Load run ${RUN}: restored to the sandbox (${idempotencyKey}).`,
        idempotencyKey,
      },
      recorder.testsAcknowledged,
      (a, b) => a.id === b.id,
    );
    return query(user, "Record a backup test", [
      ["backups.overview", { practiceId: practice.id }],
      ["backups.tests", { practiceId: practice.id, page: 1, pageSize: TESTS_PAGE_SIZE }],
    ]);
  },
  // The metrics page: the practice picker's options (pages of 100) and the figures, all practices or one.
  "Read quarterly metrics": (user) => {
    const pages = Math.min(50, Math.ceil(user.member.practices.length / 100));
    const scope = Math.random() < 0.7 ? {} : { practiceId: pick(user.member.practices).id };
    return query(user, "Read quarterly metrics", [
      ...Array.from({ length: pages }, (_, index): [string, unknown] => [
        "practices.list",
        { pageSize: 100, page: index + 1 },
      ]),
      ["metrics.quarterly", scope],
    ]);
  },
};

function chooseAction(user: VirtualUser): ActionName {
  const weights = Object.entries(MIX[user.member.role]).filter(
    ([name]) => name !== "Post an incident update" || user.outages.length > 0,
  ) as [ActionName, number][];
  let roll = Math.random() * weights.reduce((sum, [, weight]) => sum + weight, 0);
  for (const [name, weight] of weights) {
    roll -= weight;
    if (roll < 0) return name;
  }
  return weights.at(-1)![0];
}

/** One person until the deadline: an action, then reading the page (cut short by the deadline). */
async function person(user: VirtualUser, until: () => number) {
  await sleep(Math.random() * THINK_TIME_MS.max);
  while (Date.now() < until()) {
    const action = chooseAction(user);
    recorder.action(action);
    await runners[action](user);
    await sleep(Math.min(thinkTime(), Math.max(0, until() - Date.now())));
  }
}

type ProcessStat = { pid: number; ppid: number; ticks: number; command: string };

/** Every process's CPU time so far (user + system, in clock ticks) from /proc; empty where there is none. */
function processStats(): ProcessStat[] {
  if (!existsSync("/proc")) return [];
  return readdirSync("/proc")
    .filter((entry) => /^\d+$/.test(entry))
    .flatMap((entry) => {
      try {
        // Fields after the command name (which may hold spaces): state ppid … utime(14) stime(15).
        const fields = readFileSync(`/proc/${entry}/stat`, "utf8").split(") ").at(-1)!.split(" ");
        const command = readFileSync(`/proc/${entry}/cmdline`, "utf8").replaceAll("\0", " ");
        return [
          {
            pid: Number(entry),
            ppid: Number(fields[1]),
            ticks: Number(fields[11]) + Number(fields[12]),
            command,
          },
        ];
      } catch {
        return [];
      }
    });
}

/**
 * CPU-seconds used between two snapshots by the app (its process and descendants) and by the
 * PostgreSQL backends serving the run's database: figures a busy machine does not inflate much.
 */
function cpuUsed(
  before: ProcessStat[],
  after: ProcessStat[],
  appPid: number,
  databaseName: string,
) {
  if (after.length === 0) return null;
  const tree = new Set([appPid]);
  for (let grew = true; grew;) {
    grew = false;
    for (const stat of after) {
      if (tree.has(stat.ppid) && !tree.has(stat.pid)) {
        tree.add(stat.pid);
        grew = true;
      }
    }
  }
  const earlier = new Map(before.map((stat) => [stat.pid, stat.ticks]));
  const ticksPerSecond = 100; // USER_HZ on Linux
  const used = (selected: (stat: ProcessStat) => boolean) =>
    after
      .filter(selected)
      .reduce((sum, stat) => sum + stat.ticks - (earlier.get(stat.pid) ?? 0), 0) / ticksPerSecond;
  return {
    app: used((stat) => tree.has(stat.pid)),
    database: used(
      (stat) => stat.command.startsWith("postgres: ") && stat.command.includes(` ${databaseName} `),
    ),
  };
}

async function inBatches<T, R>(
  items: T[],
  size: number,
  run: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = [];
  for (let index = 0; index < items.length; index += size)
    results.push(...(await Promise.all(items.slice(index, index + size).map(run))));
  return results;
}

async function main() {
  ensureBuilt();
  const database = await provisionTestDatabase("standby_load");
  process.env.APP_DATABASE_URL = database.appUrl;
  delete process.env.DATABASE_URL;
  const { hashPassword } = await import("@/server/services/passwords");
  const { closeDb } = await import("@/db/client");
  let app: BuiltApp | null = null;
  try {
    console.log(`Seeding ${SCALE.practices} practices and ${USERS} people…`);
    const hash = await hashPassword(PASSWORD);
    const msp = await seedBenchMsp(
      database.ownerUrl,
      "Load MSP",
      `setup@${EMAIL_DOMAIN}`,
      hash,
      SCALE,
    );
    const members = await seedBenchMembers(
      database.ownerUrl,
      msp.mspId,
      EMAIL_DOMAIN,
      hash,
      TEAM,
      PRACTICES_PER_MANAGER,
    );
    await computeDerivedFigures(msp.mspId);
    await analyze(database.ownerUrl);

    console.log(`Starting the app on port ${PORT}…`);
    app = await startBuiltApp({
      port: PORT,
      appDatabaseUrl: database.appUrl,
      authSecret: "load-test-secret-not-for-production-0123",
    });

    // The outages people post to, declared as a person would (through the app).
    const setup: VirtualUser = {
      member: { email: `setup@${EMAIL_DOMAIN}`, name: "Setup", role: "admin", practices: [] },
      cookie: await signInOverHttp(BASE, `setup@${EMAIL_DOMAIN}`, PASSWORD),
      outages: [],
    };
    const everyPractice = members.find((member) => member.role === "admin")!.practices;
    const outagePractices: BenchPractice[] = [
      ...new Map(
        [
          ...members
            .filter((member) => member.role === "practice_manager")
            .map((member) => member.practices[0]!),
          ...everyPractice.slice(-EXTRA_OUTAGES),
        ].map((practice) => [practice.id, practice]),
      ).values(),
    ];
    const outages: Outage[] = [];
    for (const practice of outagePractices) {
      const declared = await mutate<{ id: string }>(
        setup,
        "Post an incident update",
        "incidents.declare",
        {
          practiceId: practice.id,
          title: "EHR down",
          systemIds: [practice.ehrSystemId],
          severity: "major",
          patientCareInterrupted: true,
          startedAt: new Date(Date.now() - 30 * 60_000),
          ownerName: "",
          updateEveryMinutes: 30,
        },
      );
      if (!declared)
        throw new Error(`Declaring an outage failed: ${recorder.firstErrors.join("; ")}`);
      outages.push({ practiceId: practice.id, incidentId: declared.id });
    }

    console.log(`Signing in ${USERS} people, each as their own account…`);
    const users = await inBatches(members, 5, async (member): Promise<VirtualUser> => {
      const inScope = new Set(member.practices.map((practice) => practice.id));
      return {
        member,
        cookie: await signInOverHttp(BASE, member.email, PASSWORD),
        outages: outages.filter((outage) => inScope.has(outage.practiceId)),
      };
    });

    // The warm-up flows into the measured run: nobody stops; the deadline is set when measuring starts.
    let deadline = Number.POSITIVE_INFINITY;
    console.log(
      `Warming up for ${WARM_UP_SECONDS} s, then ${USERS} people for ${SECONDS} s (think time ${THINK_TIME_MS.min}–${THINK_TIME_MS.max} ms)…`,
    );
    const runs = users.map((user) => person(user, () => deadline));
    await sleep(WARM_UP_SECONDS * 1000);
    const started = performance.now();
    deadline = Date.now() + SECONDS * 1000;
    recorder.measuredSince = started;
    const processesBefore = processStats();
    const generatorBefore = process.cpuUsage();
    recorder.measuring = true;
    await Promise.all(runs);
    const elapsedSeconds = (performance.now() - started) / 1000;
    const cpu = cpuUsed(processesBefore, processStats(), app.process.pid!, database.name);
    const generatorCpu = process.cpuUsage(generatorBefore);
    const generatorSeconds = (generatorCpu.user + generatorCpu.system) / 1e6;
    recorder.measuring = false;

    // Every acknowledged save is in the database, once.
    const owner = postgres(database.ownerUrl, { max: 1, onnotice: () => {} });
    const [found] = await owner.begin(async (tx) => {
      await tx`select set_config('app.msp_id', ${msp.mspId}, true), set_config('app.role', 'admin', true), set_config('app.practice_ids', '*', true)`;
      return tx<{ updates: number; tests: number }[]>`
        select (select count(*)::int from incident_events where msp_id = ${msp.mspId} and kind = 'update' and body like ${`Load run ${RUN}:%`}) as updates,
               (select count(*)::int from restore_tests where msp_id = ${msp.mspId} and evidence like ${`Load run ${RUN}:%`}) as tests`;
    });
    await owner.end();
    const writesOk =
      found!.updates === recorder.updatesAcknowledged.size &&
      found!.tests === recorder.testsAcknowledged.size;

    const rows = actionNames.map((name) => ({
      name,
      actions: recorder.actions.get(name)!,
      errors: recorder.errors.get(name)!,
      ...summarize(recorder.latencies.get(name)!),
    }));
    const total = summarize([...recorder.latencies.values()].flat());
    const requests = total.count;
    const actions = rows.reduce((sum, row) => sum + row.actions, 0);
    const errors = recorder.errorCount;
    const meetsTarget = rows.every((row) => row.count === 0 || row.p95 <= TARGET.p95Ms);
    const pass = meetsTarget && errors === TARGET.errors && writesOk;
    const managers = members.filter((member) => member.role === "practice_manager");

    const section = [
      `## Load: ${USERS} signed-in users — ${today()}`,
      "",
      `Machine: ${machineLine()}. The built app (\`next start\`, one process), PostgreSQL and the load generator all run on it.`,
      `Data: one MSP of ${SCALE.practices} practices (${(SCALE.practices * SCALE.incidentsPerPractice).toLocaleString("en-US")} past incidents, ${(SCALE.practices * SCALE.incidentsPerPractice * SCALE.eventsPerIncident).toLocaleString("en-US")} timeline entries, ${(SCALE.practices * SCALE.testsPerPractice).toLocaleString("en-US")} backup tests, ${(SCALE.practices * SCALE.risksPerPractice).toLocaleString("en-US")} risks) with ${outages.length} open outages.`,
      `People: ${USERS}, each signed in over HTTP as their own account: ${TEAM.admin} admins, ${TEAM.technician} technicians, ${managers.length} practice managers (${PRACTICES_PER_MANAGER} practices each) and ${TEAM.leadership} leadership. Each repeats: an action, then a think time of ${THINK_TIME_MS.min}–${THINK_TIME_MS.max} ms (uniform; \`THINK_TIME_MS\` in \`server/cli/load.ts\`), a person reading the page. ${SECONDS} s measured after a ${WARM_UP_SECONDS} s warm-up (\`npm run load\`).`,
      `Actions, as the pages issue them over tRPC (the browser client's batched requests, superjson): the portfolio's page of ${PORTFOLIO_PAGE_SIZE}; a plan (the practice and its plan); an update posted to an open outage; a restore test recorded, then the backups page's refetch (two requests); the metrics page (practice options and the quarterly figures, all practices or one). How often each role does each: \`MIX\` in \`server/cli/load.ts\` (leadership only reads; practice managers record no tests). Saves carry an idempotency key; ${(RESEND_SHARE * 100).toFixed(0)}% are sent twice with the same key, as a double click would. Latency is per request, from sending it to reading the whole answer; any non-2xx answer or tRPC error is an error. The server rendering of the pages around this data (HTML, RSC payloads) is not part of this run.`,
      "",
      `| Action | actions | requests | p50 | p95 | p99 | errors | p95 ≤ ${TARGET.p95Ms} ms |`,
      "| --- | --- | --- | --- | --- | --- | --- | --- |",
      ...rows.map(
        (row) =>
          `| ${row.name} | ${row.actions} | ${row.count} | ${ms(row.p50)} | ${ms(row.p95)} | ${ms(row.p99)} | ${row.errors} | ${passMark(row.count > 0 && row.p95 <= TARGET.p95Ms)} |`,
      ),
      `| All requests | ${actions} | ${requests} | ${ms(total.p50)} | ${ms(total.p95)} | ${ms(total.p99)} | ${errors - recorder.warmUpErrors - recorder.lateErrors} | ${passMark(total.p95 <= TARGET.p95Ms)} |`,
      "",
      `Throughput: ${(requests / elapsedSeconds).toFixed(1)} requests/s (${(actions / elapsedSeconds).toFixed(1)} actions/s) over ${elapsedSeconds.toFixed(1)} s. Errors: ${errors}${recorder.warmUpErrors > 0 ? ` (${recorder.warmUpErrors} during the warm-up)` : ""}.`,
      `p95 of all requests by 10 s of the run: ${recorder.windows.map((window) => ms(summarize(window).p95)).join(", ")}.`,
      cpu
        ? `CPU per request (measured run): app ${((cpu.app * 1000) / Math.max(1, requests)).toFixed(1)} ms, PostgreSQL ${((cpu.database * 1000) / Math.max(1, requests)).toFixed(1)} ms, load generator ${((generatorSeconds * 1000) / Math.max(1, requests)).toFixed(1)} ms; in all ${((cpu.app + cpu.database + generatorSeconds) / elapsedSeconds).toFixed(2)} of the machine's ${availableParallelism()} cores.`
        : "",
      `Writes checked afterwards: ${recorder.updatesAcknowledged.size} updates and ${recorder.testsAcknowledged.size} tests acknowledged (${recorder.resends} sent twice); ${found!.updates} updates and ${found!.tests} tests in the database: ${passMark(writesOk)}.`,
      `Target (p95 ≤ ${TARGET.p95Ms} ms for every action, 0 errors): ${pass ? "met" : "**not met**"}.`,
      "",
    ].join("\n");
    console.log(`\n${section}`);
    if (recorder.firstErrors.length > 0)
      console.log(`First errors:\n${recorder.firstErrors.map((line) => `  ${line}`).join("\n")}`);
    await writeBenchmarkSection(`## Load: ${USERS} signed-in users`, section);
    return errors === 0 && writesOk;
  } finally {
    await app?.stop();
    await closeDb();
    await database.drop();
  }
}

main().then(
  (ok) => process.exit(ok ? 0 : 1),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
