import { expect, test, type BrowserContext, type Page } from "@playwright/test";
import { seedDemo } from "@/server/cli/seed-demo";
import { freePort, provisionTestDatabase, type TestDatabase } from "@/db/test-database";
import { startBuiltApp, type BuiltApp } from "@/server/test/built-app";
import { DEMO_PASSWORD, demoUsers } from "./roles";

/**
 * Two app servers on different ports against one database, as behind a load balancer: nothing a
 * person relies on lives in one process. Sessions, the live timeline (LISTEN/NOTIFY) and the
 * sign-in throttle's counters all go through PostgreSQL. This journey has a database of its own.
 */

test.describe.configure({ mode: "serial" });

const AUTH_SECRET = "several-servers-secret-not-for-production";
let database: TestDatabase;
let appA: BuiltApp;
let appB: BuiltApp;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  database = await provisionTestDatabase("standby_servers");
  await seedDemo(database.ownerUrl);
  const portA = await freePort();
  let portB = await freePort();
  while (portB === portA) portB = await freePort();
  const start = (port: number) =>
    startBuiltApp({ port, appDatabaseUrl: database.appUrl, authSecret: AUTH_SECRET });
  // Each is kept as soon as it is up, even when the other fails to start, so afterAll stops it.
  const outcomes = await Promise.allSettled([
    start(portA).then((app) => (appA = app)),
    start(portB).then((app) => (appB = app)),
  ]);
  const failed = outcomes.find(
    (outcome): outcome is PromiseRejectedResult => outcome.status === "rejected",
  );
  if (failed) throw failed.reason;
});

test.afterAll(async () => {
  await Promise.all([appA?.stop(), appB?.stop()]);
  await database?.drop();
});

async function signIn(page: Page, baseUrl: string, email: string, password: string) {
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** The session cookie(s) as a Cookie header, for a client that shares nothing else with the browser. */
async function sessionCookie(context: BrowserContext, baseUrl: string) {
  const cookies = (await context.cookies(baseUrl)).filter((cookie) =>
    cookie.name.startsWith("standby.session"),
  );
  expect(cookies.length, "the browser holds a session cookie").toBeGreaterThan(0);
  return cookies.map((cookie) => `${cookie.name}=${cookie.value}`).join("; ");
}

const trpcUrl = (baseUrl: string, procedure: string, input: unknown) =>
  `${baseUrl}/api/trpc/${procedure}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`;

async function query<T>(
  baseUrl: string,
  cookie: string,
  procedure: string,
  input: unknown,
): Promise<T> {
  const response = await fetch(trpcUrl(baseUrl, procedure, input), { headers: { cookie } });
  expect(response.status, `${procedure} on ${baseUrl}`).toBe(200);
  return ((await response.json()) as { result: { data: { json: T } } }).result.data.json;
}

test("signed in through one server is signed in on the other; signing out on one ends the session on both", async ({
  page,
  context,
}) => {
  await signIn(page, appA.url, demoUsers.admin, DEMO_PASSWORD);
  // The servers of this spec start cold: their first render of a page can take several seconds here.
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible({ timeout: 15_000 });

  // The browser keeps one cookie per host whatever the port, so it carries A's session to B.
  await page.goto(`${appB.url}/portfolio`);
  await expect(page.getByRole("heading", { level: 1, name: "Portfolio" })).toBeVisible();
  await expect(page.getByRole("rowheader", { name: "Lakeside Family Medicine" })).toBeVisible();

  // Explicitly: the cookie A issued, sent to B by a client that shares nothing else with A.
  const cookie = await sessionCookie(context, appA.url);
  const practices = await query<{ items: { name: string }[] }>(
    appB.url,
    cookie,
    "practices.list",
    {},
  );
  expect(practices.items.map((practice) => practice.name)).toContain("Lakeside Family Medicine");

  // Signing out on B ends the session itself: A refuses the same cookie from now on.
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  const afterSignOut = await fetch(trpcUrl(appA.url, "practices.list", {}), {
    headers: { cookie },
  });
  expect(afterSignOut.status).toBe(401);
  await page.goto(`${appA.url}/portfolio`);
  await expect(page).toHaveURL(/\/sign-in/);
});

test("an update posted through one server reaches a person watching the incident on the other, live", async ({
  page,
  context,
}) => {
  await signIn(page, appA.url, demoUsers.admin, DEMO_PASSWORD);
  // The servers of this spec start cold: their first render of a page can take several seconds here.
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible({ timeout: 15_000 });
  const cookie = await sessionCookie(context, appA.url);

  // Cedar Grove's EHR down, declared through A.
  const { items } = await query<{ items: { id: string; name: string }[] }>(
    appA.url,
    cookie,
    "practices.list",
    { search: "Cedar Grove" },
  );
  const practiceId = items.find((practice) => practice.name === "Cedar Grove Dermatology")!.id;
  const map = await query<{ systems: { id: string; name: string }[] }>(
    appA.url,
    cookie,
    "dependencies.map",
    { practiceId },
  );
  const declared = await fetch(`${appA.url}/api/trpc/incidents.declare`, {
    method: "POST",
    headers: { cookie, "content-type": "application/json" },
    body: JSON.stringify({
      json: {
        practiceId,
        title: "EHR down",
        systemIds: [map.systems.find((system) => system.name === "EHR")!.id],
        severity: "major",
        patientCareInterrupted: true,
        startedAt: new Date(Date.now() - 5 * 60_000).toISOString(),
        ownerName: "",
        updateEveryMinutes: 30,
        // Separate from any outage another journey left open at the practice.
        confirmDuplicate: true,
      },
    }),
  });
  expect(declared.status, await declared.clone().text()).toBe(200);
  const incidentId = ((await declared.json()) as { result: { data: { json: { id: string } } } })
    .result.data.json.id;
  const room = `/practices/${practiceId}/incidents/${incidentId}`;

  // A viewer of the room on B, its live stream open.
  const viewer = await context.newPage();
  await viewer.goto(`${appB.url}${room}`);
  await expect(viewer.getByRole("heading", { level: 1, name: "EHR down" })).toBeVisible();
  await expect(
    viewer
      .getByRole("status")
      .filter({ hasText: /^\s*Live\s*$/ })
      .first(),
  ).toBeVisible({ timeout: 15_000 });

  // The update is posted in the room on A.
  await page.goto(`${appA.url}${room}`);
  const update = `Posted through server A: front desk on paper check-in (${Date.now()}).`;
  await page.getByLabel("Post an update").fill(update);
  await page.getByRole("button", { name: "Post update" }).click();
  await expect(page.getByLabel("Post an update")).toHaveValue("");

  // B's viewer never reloads: the entry arrives over B's stream, once.
  const timeline = viewer.getByRole("log", { name: "Timeline, newest first" });
  await expect(timeline.getByRole("listitem").filter({ hasText: update })).toHaveCount(1);
});

test("the sign-in throttle counts failures on every server: after failures on A, the next attempt on B is refused", async ({
  page,
}) => {
  const email = demoUsers.manager;
  const wrongPassword = page.getByText("That email and password do not match an account");
  // Four wrong passwords through A: one short of the limit for this account from this address.
  for (let attempt = 1; attempt <= 4; attempt++) {
    await signIn(page, appA.url, email, `not the right password ${attempt}`);
    await expect(wrongPassword).toBeVisible();
  }
  // The fifth, through B, reaches the limit A's failures left off at.
  await signIn(page, appB.url, email, "not the right password 5");
  await expect(
    page.getByText(/Too many failed sign-ins\. Wait \d+ minutes? and try again\./),
  ).toBeVisible();
  // Now even the right password is refused, on B as on A, until the block ends.
  await signIn(page, appB.url, email, DEMO_PASSWORD);
  await expect(page.getByText(/Too many failed sign-ins/)).toBeVisible();
  await signIn(page, appA.url, email, DEMO_PASSWORD);
  await expect(page.getByText(/Too many failed sign-ins/)).toBeVisible();
  await expect(page).toHaveURL(/\/sign-in/);
});
