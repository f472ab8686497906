import type { ChildProcess } from "node:child_process";
import { readFile } from "node:fs/promises";
import { expect as baseExpect, test, type Page } from "@playwright/test";
import postgres from "postgres";
import { seedDemo } from "@/server/cli/seed-demo";
import { freePort, provisionTestDatabase, type TestDatabase } from "@/db/test-database";
import { startBuiltApp, type BuiltApp } from "@/server/test/built-app";
import { DEMO_PASSWORD, demoUsers } from "./roles";

/**
 * Available in the dark: the packet kept on a device opens when Standby cannot be reached. The
 * browser's offline switch does not cover a service worker's fetches, so this journey runs its own
 * built app on a database of its own and really stops the app's process (and starts it again on
 * the same address, so the worker and what it kept belong to the same site).
 */

test.describe.configure({ mode: "serial" });
// Saving renders the packet's PDF on a 2-core machine shared with the build: give it time.
const expect = baseExpect.configure({ timeout: 30_000 });

// The seed seals the demo schedule copy with the key the app then runs with.
process.env.PATIENT_DATA_KEY ??= "offline-spec-patient-data-key-not-for-production";
const AUTH_SECRET = "offline-secret-not-for-production";
let database: TestDatabase;
let owner: postgres.Sql;
let port = 0;
let app: BuiltApp | null = null;
let practice: { id: string; name: string; version: number };

async function startApp() {
  app = await startBuiltApp({
    port,
    appDatabaseUrl: database.appUrl,
    authSecret: AUTH_SECRET,
  });
  return app;
}

async function stopApp() {
  await app?.stop();
  app = null;
  // Nothing answers on the address any more.
  await expect(fetch(`http://localhost:${port}/api/health`)).rejects.toThrow();
}

test.beforeAll(async () => {
  test.setTimeout(180_000);
  database = await provisionTestDatabase("standby_offline");
  await seedDemo(database.ownerUrl);
  owner = postgres(database.ownerUrl, { max: 1, onnotice: () => {} });
  const [row] = await owner<{ id: string; name: string; version: number }[]>`
    select p.id, p.name, max(v.number)::int as version
    from practices p join plan_versions v on v.practice_id = p.id
    where p.name = 'Cedar Grove Dermatology' group by p.id, p.name`;
  practice = row!;
  port = await freePort();
  await startApp();
});

test.afterAll(async () => {
  await app?.stop();
  await owner?.end();
  await database?.drop();
});

const packetPath = () => `/print/practices/${practice.id}/packet`;
const url = (path: string) => `http://localhost:${port}${path}`;

async function signIn(page: Page, email: string = demoUsers.admin) {
  await page.goto(url("/sign-in"));
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  // The portfolio of every practice is the heaviest first page: give a cold server time.
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible({ timeout: 30_000 });
}

/** Every address kept in Cache Storage on this device, in every cache. */
async function keptAddresses(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const found: string[] = [];
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      for (const request of await cache.keys()) found.push(new URL(request.url).pathname);
    }
    return found.sort();
  });
}

async function publishNewerVersion(page: Page): Promise<number> {
  const get = await page.request.get(
    url(
      `/api/trpc/plans.get?input=${encodeURIComponent(JSON.stringify({ json: { practiceId: practice.id } }))}`,
    ),
  );
  const plan = (await get.json()).result.data.json as {
    sections: { triage: { version: number; content: { steps: { text: string }[] } } };
  };
  const triage = plan.sections.triage;
  const post = (path: string, input: unknown) =>
    page.request.post(url(`/api/trpc/${path}`), {
      data: { json: input },
      headers: { origin: url("") },
    });
  const saved = await post("plans.saveSection", {
    practiceId: practice.id,
    version: triage.version,
    section: "triage",
    content: { steps: [...triage.content.steps, { text: `Offline spec step ${Date.now()}` }] },
  });
  expect(saved.ok(), await saved.text()).toBe(true);
  const published = await post("plans.publish", { practiceId: practice.id });
  expect(published.ok(), await published.text()).toBe(true);
  return ((await published.json()).result.data.json as { number: number }).number;
}

test("a packet kept on this device opens at its usual addresses when the server is gone, and nothing else is kept", async ({
  page,
}) => {
  test.setTimeout(120_000);
  await signIn(page);
  await page.goto(url(packetPath()));
  await expect(
    page.getByRole("status").filter({ hasText: "Not saved on this device." }),
  ).toBeVisible();
  await page.getByRole("button", { name: "Keep on this device" }).click();
  await expect(
    page.getByText(
      new RegExp(`^Saved: version ${practice.version}, on this device at \\d\\d:\\d\\d\\.$`),
    ),
  ).toBeVisible({ timeout: 30_000 });
  // Only the packet, its PDF and the list of what is kept: no other page, no API answer.
  expect(await keptAddresses(page)).toEqual(
    [packetPath(), `${packetPath()}.pdf`, "/__standby-offline/index.json"].sort(),
  );
  const audited = await owner<{ summary: { version: number } }[]>`
    select summary from audit_events
    where action = 'plan.packet_saved_on_device' and entity_id = ${practice.id}`;
  expect(audited.map((row) => row.summary.version)).toEqual([practice.version]);

  // Browse a little while online: none of it is kept.
  await page.goto(url("/portfolio"));
  await page.goto(url(`/practices/${practice.id}/plan`));
  expect(await keptAddresses(page)).toHaveLength(3);

  await stopApp();
  await page.goto(url(packetPath()));
  const banner = page.locator("[data-offline-banner]");
  await expect(banner).toContainText(`Offline copy. Offline copy from`);
  await expect(banner).toContainText(`(packet, version ${practice.version})`);
  await expect(page.getByRole("heading", { level: 1, name: practice.name })).toBeVisible();
  await expect(page.getByRole("region", { name: "Outage owner" })).toBeVisible();
  // The copy runs nothing and shows no toolbar of the live page.
  expect(await page.locator("script").count()).toBe(0);
  await expect(page.getByRole("button", { name: "Print" })).toBeHidden();

  // Any other page: the offline page, listing what is kept here.
  await page.goto(url("/portfolio"));
  await expect(page.getByRole("heading", { name: "Standby cannot be reached" })).toBeVisible();
  await expect(
    page.getByRole("link", {
      name: `${practice.name}: downtime packet, version ${practice.version}`,
    }),
  ).toBeVisible();
  // The PDF opens from the list, from the copy on this device.
  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: "its PDF" }).click();
  const download = await downloading;
  // At its usual address, answered by the copy on this device.
  expect(download.url()).toBe(url(`${packetPath()}.pdf`));
  const file = await readFile((await download.path())!);
  expect(file.subarray(0, 5).toString("latin1")).toBe("%PDF-");
  expect(file.length).toBeGreaterThan(2000);
  // The way back to the packet from the list.
  await page.getByRole("link", { name: /downtime packet/ }).click();
  await expect(banner).toBeVisible();
  // Another practice's packet was never kept: the offline page.
  await page.goto(url("/print/practices/00000000-0000-4000-8000-000000000000/packet"));
  await expect(page.getByRole("heading", { name: "Standby cannot be reached" })).toBeVisible();

  // Back online: the live pages again, not the copy.
  await startApp();
  await page.goto(url(packetPath()));
  await expect(page.getByRole("button", { name: "Print" })).toBeVisible();
  await expect(page.locator("[data-offline-banner]")).toHaveCount(0);
});

test("a newer published version replaces the kept copy on the next visit online", async ({
  page,
}) => {
  await signIn(page);
  await page.goto(url(packetPath()));
  await page.getByRole("button", { name: /Keep on this device|Save again/ }).click();
  await expect(page.getByText(`Saved: version ${practice.version}, on this device`)).toBeVisible();

  const newer = await publishNewerVersion(page);
  expect(newer).toBe(practice.version + 1);
  await page.goto(url(packetPath()));
  await expect(
    page.getByText(new RegExp(`^Saved: version ${newer}, on this device at`)),
  ).toBeVisible();
  practice.version = newer;

  await stopApp();
  await page.goto(url(packetPath()));
  await expect(page.locator("[data-offline-banner]")).toContainText(`(packet, version ${newer})`);
  await expect(page.getByText(/Offline spec step/)).toBeVisible();
  await startApp();
});

test("signing out deletes what was kept: with the server gone, nothing of the packet is shown", async ({
  page,
}) => {
  await signIn(page);
  await page.goto(url(packetPath()));
  await page.getByRole("button", { name: /Keep on this device|Save again/ }).click();
  await expect(page.getByText(`Saved: version ${practice.version}, on this device`)).toBeVisible();
  expect(await keptAddresses(page)).toHaveLength(3);

  // The sign-out answer asks the browser to clear the site's caches and storage.
  const signedOut = await fetch(url("/sign-in?reason=signed-out"));
  expect(signedOut.headers.get("clear-site-data")).toBe('"cache", "storage"');

  await page.goto(url("/portfolio"));
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
  await expect.poll(() => keptAddresses(page)).toEqual([]);

  await stopApp();
  await page.goto(url(packetPath())).catch(() => null);
  await expect(page.getByRole("heading", { name: practice.name })).toHaveCount(0);
  await expect(page.locator("[data-offline-banner]")).toHaveCount(0);
  await startApp();
});

test("for those who may read it, today's and tomorrow's schedule print is kept beside the packet for 48 hours, each save audited as a print", async ({
  page,
}) => {
  test.setTimeout(120_000);
  // Lakeside has the demo schedule copy (patients today and tomorrow); give it a published plan.
  const [lakeside] = await owner<{ id: string; name: string }[]>`
    select id, name from practices where name = 'Lakeside Family Medicine'`;
  await owner`
    insert into plan_versions (msp_id, practice_id, number, content, completeness_score, next_review_on, published_by_name)
    select msp_id, ${lakeside!.id}, 1, content, completeness_score, next_review_on, 'Offline spec'
    from plan_versions where practice_id = ${practice.id} and number = 1`;
  const lakesidePacket = `/print/practices/${lakeside!.id}/packet`;
  const audits = async () =>
    (
      await owner<{ n: number }[]>`
      select count(*)::int as n from audit_events
      where action = 'schedule.print' and practice_id = ${lakeside!.id}`
    )[0]!.n;
  const before = await audits();
  await signIn(page, demoUsers.technician);
  await page.goto(url(lakesidePacket));
  await page.getByRole("button", { name: "Keep on this device" }).click();
  await expect(page.getByText("Saved: version 1, on this device")).toBeVisible();
  await expect(
    page.getByText(
      /^Schedule for today and tomorrow saved at \d\d:\d\d; it is deleted at .* \(48 hours after saving\)\.$/,
    ),
  ).toBeVisible();
  const schedule = `/print/practices/${lakeside!.id}/schedule`;
  const kept = await keptAddresses(page);
  expect(kept).toContain(schedule);
  expect(kept.filter((path) => path.startsWith(schedule))).toHaveLength(2);
  // Opening the print pages to keep them is an audited read of patient data, each day that has patients.
  expect(await audits()).toBeGreaterThan(before);

  await stopApp();
  await page.goto(url(schedule));
  await expect(page.locator("[data-offline-banner]")).toContainText("(schedule)");
  await expect(page.locator("[data-offline-banner]")).toContainText("48 hours after saving");
  await page.goto(url("/portfolio"));
  await expect(
    page.getByRole("link", { name: `${lakeside!.name}: continuity schedule, tomorrow` }),
  ).toBeVisible();
  await startApp();
});

test("the app is installable: a manifest with a name, icons and a theme colour, and a worker served as a script", async () => {
  const manifest = await (await fetch(url("/manifest.webmanifest"))).json();
  expect(manifest).toMatchObject({
    name: expect.stringContaining("Standby"),
    display: "standalone",
  });
  expect(manifest.theme_color).toBe("#195a63");
  for (const icon of manifest.icons as { src: string; sizes: string }[]) {
    const response = await fetch(url(icon.src));
    expect(response.headers.get("content-type"), icon.src).toBe("image/png");
    const bytes = Buffer.from(await response.arrayBuffer());
    const side = Number(icon.sizes.split("x")[0]);
    expect(bytes.readUInt32BE(16), icon.src).toBe(side);
  }
  const worker = await fetch(url("/sw.js"), { redirect: "manual" });
  expect(worker.status).toBe(200);
  expect(worker.headers.get("content-type")).toMatch(/javascript/);
  expect(worker.headers.get("cache-control")).toContain("no-cache");
  expect(await worker.text()).toContain('addEventListener("fetch"');
});

// ---- The incident room on a bad connection: what is written while Standby is gone waits on the device.

async function call<T>(page: Page, path: string, input: unknown, method: "get" | "post") {
  const response =
    method === "post"
      ? await page.request.post(url(`/api/trpc/${path}`), {
          data: { json: input },
          headers: { origin: url("") },
        })
      : await page.request.get(
          url(`/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`),
        );
  expect(response.ok(), `${path} answered ${response.status()}: ${await response.text()}`).toBe(
    true,
  );
  return (await response.json()).result.data.json as T;
}

/** An outage at Cedar Grove on a system of its own (so the demo map stays as other journeys expect). */
async function declareOutage(page: Page, label: string, resolved = false): Promise<string> {
  const systemName = `Cloud EHR (${label} ${Date.now()})`;
  await call(
    page,
    "dependencies.createSystem",
    {
      practiceId: practice.id,
      name: systemName,
      category: "ehr",
      criticality: "critical",
      owner: "",
      vendorId: null,
      siteId: null,
      notes: "",
    },
    "post",
  );
  const map = await call<{ systems: { id: string; name: string }[] }>(
    page,
    "dependencies.map",
    { practiceId: practice.id },
    "get",
  );
  const { id } = await call<{ id: string }>(
    page,
    "incidents.declare",
    {
      // Other specs' outages may be open at this practice: this one is separate on purpose.
      confirmDuplicate: true,
      practiceId: practice.id,
      title: `EHR down (${label})`,
      systemIds: [map.systems.find((system) => system.name === systemName)!.id],
      severity: "major",
      patientCareInterrupted: false,
      startedAt: new Date(Date.now() - 10 * 60_000).toISOString(),
      ownerName: "",
      updateEveryMinutes: 30,
    },
    "post",
  );
  if (resolved) {
    const view = await call<{ incident: { version: number } }>(
      page,
      "incidents.get",
      { practiceId: practice.id, incidentId: id },
      "get",
    );
    await call(
      page,
      "incidents.changeStatus",
      {
        practiceId: practice.id,
        incidentId: id,
        status: "resolved",
        note: "",
        version: view.incident.version,
      },
      "post",
    );
  }
  return id;
}

/**
 * Cuts the app as a lost connection would: an open incident room holds a live stream that a
 * graceful stop would wait for, so the app is killed outright (its worker stopped as usual).
 */
async function cutApp() {
  const running = app!;
  app = null;
  const exited = (child: ChildProcess | null) =>
    new Promise<void>((resolve) =>
      !child || child.exitCode !== null || child.signalCode !== null
        ? resolve()
        : child.once("exit", () => resolve()),
    );
  const done = Promise.all([exited(running.process), exited(running.worker)]);
  running.worker?.kill("SIGTERM");
  running.process.kill("SIGKILL");
  await done;
  await expect(fetch(`http://localhost:${port}/api/health`)).rejects.toThrow();
}

/** "14:05" in the practice's time zone, as the room writes its times. */
async function practiceClock(moment: Date): Promise<string> {
  const [row] = await owner<{ timezone: string }[]>`
    select timezone from practices where id = ${practice.id}`;
  return new Intl.DateTimeFormat("en-US", {
    timeZone: row!.timezone,
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).format(moment);
}

test("in the incident room, updates posted while Standby is gone wait on the device, then arrive once, in order, with the time they were written", async ({
  page,
}) => {
  test.setTimeout(360_000);
  await signIn(page, demoUsers.technician);
  const incidentId = await declareOutage(page, "outbox updates");
  await page.goto(url(`/practices/${practice.id}/incidents/${incidentId}`));
  const timeline = page.getByRole("log", { name: "Timeline, newest first" });
  await expect(
    page.getByRole("region", { name: "Timeline" }).getByRole("status").filter({ hasText: "Live" }),
  ).toBeVisible();
  const composer = page.getByLabel("Post an update");
  const postUpdate = page.getByRole("button", { name: "Post update" });
  const waiting = page.getByRole("region", { name: "Waiting to send" });
  await expect(waiting).toHaveCount(0);

  await cutApp();
  const texts = [
    "Offline 1: front desk on paper schedules",
    "Offline 2: vendor promises an answer in 30 minutes",
  ];
  for (const [n, text] of texts.entries()) {
    await composer.fill(text);
    await postUpdate.click();
    await expect(waiting.getByRole("heading")).toHaveText(`Waiting to send (${n + 1})`);
    await expect(composer).toHaveValue("");
  }
  // A third, written by mistake, is discarded before it is ever sent.
  await composer.fill("Offline 3: posted by mistake");
  await postUpdate.click();
  await expect(waiting.getByRole("heading")).toHaveText("Waiting to send (3)");
  await expect(waiting.getByRole("listitem")).toHaveText([
    new RegExp(texts[0]!),
    new RegExp(texts[1]!),
    /Offline 3: posted by mistake/,
  ]);
  await waiting
    .getByRole("listitem")
    .filter({ hasText: "Offline 3" })
    .getByRole("button", { name: "Discard" })
    .click();
  await page
    .getByRole("dialog", { name: "Discard this entry?" })
    .getByRole("button", { name: "Discard" })
    .click();
  await expect(waiting.getByRole("heading")).toHaveText("Waiting to send (2)");
  // "Send now" while Standby is still gone: nothing is lost.
  await waiting.getByRole("button", { name: "Send now" }).click();
  await expect(waiting.getByRole("button", { name: "Send now" })).toBeEnabled();
  await expect(waiting.getByRole("listitem")).toHaveCount(2);
  const sent = () => owner<{ body: string; seq: number; at: Date; written_at: Date | null }[]>`
    select body, seq, at, written_at from incident_events
    where incident_id = ${incidentId} and body like 'Offline %' order by seq`;
  expect(await sent()).toEqual([]);

  // Standby is back: the connection banner sees it, and the queue goes out by itself.
  await startApp();
  await expect(waiting).toHaveCount(0, { timeout: 45_000 });
  const rows = await sent();
  expect(rows.map((row) => row.body)).toEqual(texts);
  for (const row of rows) {
    expect(row.written_at).not.toBeNull();
    expect(row.written_at!.getTime()).toBeLessThan(row.at.getTime());
  }
  expect(rows[0]!.written_at!.getTime()).toBeLessThanOrEqual(rows[1]!.written_at!.getTime());

  // Each once on the timeline, newest first, with the time written beside the time it arrived.
  for (const [n, text] of texts.entries()) {
    const entry = timeline.getByRole("listitem").filter({ hasText: text });
    await expect(entry).toHaveCount(1);
    await expect(entry.locator("[data-written-offline]")).toHaveText(
      `written ${await practiceClock(rows[n]!.written_at!)} · reached Standby ${await practiceClock(rows[n]!.at)}`,
    );
  }
  const order = await timeline.getByRole("listitem").allTextContents();
  expect(order.findIndex((line) => line.includes(texts[1]!))).toBeLessThan(
    order.findIndex((line) => line.includes(texts[0]!)),
  );
  await expect(timeline.getByText("Offline 3")).toHaveCount(0);
  // Opened again: still once each, and nothing waits.
  await page.reload();
  await expect(timeline.getByRole("listitem").filter({ hasText: texts[0]! })).toHaveCount(1);
  await expect(waiting).toHaveCount(0);
  expect(await sent()).toHaveLength(2);
});

test("a paper record added while Standby is gone is kept on the device and sent when the room is opened again; signing out deletes the outbox", async ({
  page,
  context,
}) => {
  test.setTimeout(360_000);
  await signIn(page, demoUsers.technician);
  const incidentId = await declareOutage(page, "outbox record", true);
  const room = url(`/practices/${practice.id}/incidents/${incidentId}`);
  await page.goto(room);
  // The log is patient data, read (and audited) by the room itself: a slow read on a busy machine.
  await expect(page.getByText("No paper records logged.")).toBeVisible({ timeout: 90_000 });
  const patient = `Jordan Offline (MRN ${Date.now() % 1_000_000})`;
  const records = () => owner<{ n: number; written: number }[]>`
    select count(*)::int as n, count(written_at)::int as written from downtime_log_entries
    where incident_id = ${incidentId} and patient = ${patient}`;

  await cutApp();
  await page.getByRole("button", { name: "Add a paper record" }).click();
  const dialog = page.getByRole("dialog", { name: "Add a paper record" });
  await dialog.getByLabel("Patient").fill(patient);
  await dialog.getByLabel("Provider").fill("Dr. Hart");
  await dialog.getByRole("button", { name: "Add record" }).click();
  await expect(dialog).toBeHidden();
  const waiting = page.getByRole("region", { name: "Waiting to send" });
  await expect(waiting.getByRole("listitem")).toHaveText([
    new RegExp(patient.replace(/[()]/g, ".")),
  ]);
  await expect(
    page.getByText("1 paper record written on this device is waiting to send"),
  ).toBeVisible();
  expect((await records())[0]!.n).toBe(0);

  // The tab is closed while Standby is gone; the room is opened again once it is back.
  const again = await context.newPage();
  await page.close();
  await startApp();
  await again.goto(room);
  // Sent on page load once the room has hydrated; the log is then read again (slow on a busy machine).
  await expect(again.getByRole("list", { name: "Paper records" })).toContainText(patient, {
    timeout: 120_000,
  });
  await expect(again.getByRole("region", { name: "Waiting to send" })).toHaveCount(0);
  expect(await records()).toEqual([{ n: 1, written: 1 }]);
  await expect(again.getByRole("listitem", { name: `Paper record: ${patient}` })).toContainText(
    /Logged by .*, written .* · reached Standby /,
  );

  // The outbox is in this browser's IndexedDB until signing out deletes it with the rest.
  const databases = () =>
    again.evaluate(async () => (await indexedDB.databases()).map((database) => database.name));
  expect(await databases()).toContain("standby-outbox");
  await again.getByRole("button", { name: "Sign out" }).click();
  await expect(again.getByRole("button", { name: "Sign in" })).toBeVisible();
  await expect.poll(databases).not.toContain("standby-outbox");
});

test("in the incident room, a server fault while the outbox is sent is not a refusal: the entries keep their place and go once it answers", async ({
  page,
}) => {
  test.setTimeout(240_000);
  await signIn(page, demoUsers.technician);
  const incidentId = await declareOutage(page, "outbox fault");
  await page.goto(url(`/practices/${practice.id}/incidents/${incidentId}`));
  const composer = page.getByLabel("Post an update");
  const waiting = page.getByRole("region", { name: "Waiting to send" });
  const sent = () => owner<{ body: string }[]>`
    select body from incident_events
    where incident_id = ${incidentId} and body like 'Fault %' order by seq`;
  const texts = ["Fault 1: phones only", "Fault 2: vendor called back"];

  // The update calls cannot get through: both wait on the device.
  await page.route("**/api/trpc/**incidents.postUpdate**", (route) => route.abort("failed"));
  for (const text of texts) {
    await composer.fill(text);
    await page.getByRole("button", { name: "Post update" }).click();
    await expect(composer).toHaveValue("");
  }
  await expect(waiting.getByRole("heading")).toHaveText("Waiting to send (2)");

  // Now Standby answers, but with a fault (500): nothing is marked refused, nothing skips ahead.
  await page.unroute("**/api/trpc/**incidents.postUpdate**");
  let faults = 0;
  await page.route("**/api/trpc/**incidents.postUpdate**", (route) => {
    faults += 1;
    return route.fulfill({
      status: 500,
      contentType: "application/json",
      body: JSON.stringify([
        {
          error: {
            json: {
              message: "Something went wrong on our side.",
              code: -32603,
              data: { code: "INTERNAL_SERVER_ERROR", httpStatus: 500 },
            },
          },
        },
      ]),
    });
  });
  await waiting.getByRole("button", { name: "Send now" }).click();
  await expect.poll(() => faults).toBeGreaterThan(0);
  await expect(waiting.getByRole("button", { name: "Send now" })).toBeEnabled();
  await expect(waiting.getByRole("listitem")).toHaveText([
    new RegExp(texts[0]!),
    new RegExp(texts[1]!),
  ]);
  await expect(waiting.getByText("Standby refused these")).toHaveCount(0);
  expect(await sent()).toEqual([]);

  // It answers properly again: both go, once, in order.
  await page.unroute("**/api/trpc/**incidents.postUpdate**");
  await waiting.getByRole("button", { name: "Send now" }).click();
  await expect(waiting).toHaveCount(0);
  expect((await sent()).map((row) => row.body)).toEqual(texts);
});
