import { expect, test } from "@playwright/test";
import { seedDemo } from "@/server/cli/seed-demo";
import { freePort, provisionTestDatabase, type TestDatabase } from "@/db/test-database";
import { appServerEnv } from "@/server/cli/app-env";
import { startBuiltApp, type BuiltApp } from "@/server/test/built-app";
import { DEMO_PASSWORD, demoUsers } from "./roles";

/**
 * How the built app behaves as deployed: settings read when the server starts (not when it was
 * built), and what it believes of forwarded headers. Each test starts the suite's build with the
 * environment it needs, on a database of this journey's own (the throttle counters live there).
 */

test.describe.configure({ mode: "serial" });

const AUTH_SECRET = "deployment-secret-not-for-production";
let database: TestDatabase;
const running: BuiltApp[] = [];

test.beforeAll(async () => {
  test.setTimeout(120_000);
  database = await provisionTestDatabase("standby_deploy");
  await seedDemo(database.ownerUrl);
});

test.afterAll(async () => {
  await Promise.all(running.map((app) => app.stop()));
  await database?.drop();
});

async function start(env: Record<string, string | undefined>) {
  const app = await startBuiltApp({
    port: await freePort(),
    appDatabaseUrl: database.appUrl,
    authSecret: AUTH_SECRET,
    env: env as NodeJS.ProcessEnv,
  });
  running.push(app);
  return app;
}

/**
 * One failed sign-in through Auth.js' credentials endpoint, claiming to come from `forwardedFor`.
 * Answers the error code Auth.js puts in its redirect ("invalid", "throttled-5" …).
 */
async function failedSignIn(baseUrl: string, email: string, forwardedFor: string) {
  const csrf = await fetch(`${baseUrl}/api/auth/csrf`, {
    headers: { "x-forwarded-for": forwardedFor },
  });
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const jar = csrf.headers
    .getSetCookie()
    .map((cookie) => cookie.split(";")[0]!)
    .join("; ");
  const response = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      cookie: jar,
      "x-forwarded-for": forwardedFor,
    },
    body: new URLSearchParams({
      email,
      password: "not the right password",
      csrfToken,
      callbackUrl: `${baseUrl}/portfolio`,
    }),
  });
  return new URL(response.headers.get("location") ?? "", baseUrl).searchParams.get("code");
}

test("reached directly, a client-written X-Forwarded-For does not escape the sign-in throttle", async () => {
  const app = await start({ TRUST_PROXY_HOPS: undefined });
  const email = "rotating-addresses@nowhere.example";
  // The fifth failure from one place blocks that email from there, whatever address each claimed.
  for (let attempt = 1; attempt <= 4; attempt += 1)
    expect(await failedSignIn(app.url, email, `203.0.113.${attempt}`)).toBe("invalid");
  expect(await failedSignIn(app.url, email, "203.0.113.5")).toBe("throttled-5");
  expect(await failedSignIn(app.url, email, "198.51.100.1, 203.0.113.100")).toBe("throttled-5");
});

test("behind one trusted proxy (TRUST_PROXY_HOPS=1), the address the proxy appended is the client's", async () => {
  const app = await start({ TRUST_PROXY_HOPS: "1" });
  const email = "behind-a-proxy@nowhere.example";
  // The proxy appends the client's own address (198.51.100.1); what the client wrote before it is ignored.
  for (let attempt = 1; attempt <= 4; attempt += 1)
    expect(await failedSignIn(app.url, email, `6.6.6.${attempt}, 198.51.100.1`)).toBe("invalid");
  expect(await failedSignIn(app.url, email, "6.6.6.5, 198.51.100.1")).toBe("throttled-5");
  // Another client behind the same proxy is not blocked by the first one's failures.
  expect(await failedSignIn(app.url, email, "198.51.100.2")).toBe("invalid");
});

test("a build made without AUTH_URL sends HSTS when started with an https AUTH_URL, on pages and API answers", async () => {
  const plain = await start({ AUTH_URL: undefined });
  expect(
    (await fetch(`${plain.url}/api/health`)).headers.get("strict-transport-security"),
  ).toBeNull();

  const secure = await start({ AUTH_URL: "https://standby.example.test" });
  for (const path of [
    "/sign-in",
    "/api/health",
    "/api/auth/csrf",
    "/api/trpc/session.me",
    "/icon.svg",
  ]) {
    const response = await fetch(`${secure.url}${path}`, { redirect: "manual" });
    expect(response.headers.get("strict-transport-security"), path).toBe(
      "max-age=63072000; includeSubDomains",
    );
  }
});

test("started as npm start does without AUTH_URL, signing in at 127.0.0.1 stays on 127.0.0.1, signed in", async ({
  page,
}) => {
  const { AUTH_URL: _notSet, ...operator } = process.env;
  const asNpmStart = appServerEnv(operator, {
    appDatabaseUrl: database.appUrl,
    authSecret: AUTH_SECRET,
  });
  const app = await start({ AUTH_URL: asNpmStart.AUTH_URL });
  const address = `http://127.0.0.1:${app.port}`;
  await page.goto(`${address}/portfolio`);
  await expect(page).toHaveURL(`${address}/sign-in?callbackUrl=%2Fportfolio`);
  await page.getByLabel("Email").fill(demoUsers.technician);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Portfolio" })).toBeVisible({
    timeout: 20_000,
  });
  expect(new URL(page.url()).origin).toBe(address);
  await page.reload();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
});
