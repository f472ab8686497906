/**
 * npm start — Standby in one command.
 * Without DATABASE_URL: an embedded PostgreSQL whose data lives in .data/ (kept across restarts).
 * With DATABASE_URL (the owner's connection): that server. Either way: migrations, the demo seed
 * on first start, a production build when the sources changed, then `next start` and one
 * background worker (server/cli/worker.ts) beside it.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import postgres from "postgres";
import { appDatabaseUrl, withDatabase, withUser, APP_ROLE } from "@/db/config";
import { loadSecrets, startEmbeddedPostgres, type EmbeddedServer } from "@/db/embedded";
import { migrateDatabase } from "@/db/migrate";
import { DEMO_PASSWORD, demoLogins, seedDemo } from "@/server/cli/seed-demo";
import { appServerEnv } from "./app-env";
import { spawnWorker } from "./worker-process";

const root = process.cwd();
const dataFolder = path.join(root, ".data");
const dev = process.argv.includes("--dev");
/** A practice's EHR on this machine (server/cli/fhir-test-server.ts): with `npm run dev`, or `npm start -- --fhir-test-server`. */
const withFhirTestServer = dev || process.argv.includes("--fhir-test-server");
const fhirTestPort = Number(process.env.FHIR_TEST_PORT ?? 4010);
const port = Number(process.env.PORT ?? 3000);
const nextBin = path.join(root, "node_modules", ".bin", "next");

function newestSourceChange(): number {
  let newest = 0;
  const visit = (entry: string) => {
    const stats = statSync(entry);
    if (stats.isDirectory()) {
      for (const child of readdirSync(entry))
        if (child !== "node_modules" && !child.startsWith(".")) visit(path.join(entry, child));
    } else newest = Math.max(newest, stats.mtimeMs);
  };
  for (const entry of [
    "app",
    "server",
    "db",
    "components",
    "proxy.ts",
    "next.config.ts",
    "package-lock.json",
    "app/globals.css",
  ]) {
    if (existsSync(path.join(root, entry))) visit(path.join(root, entry));
  }
  return newest;
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: "inherit", env });
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

async function ensureDatabase(serverOwnerUrl: string, name: string) {
  const client = postgres(serverOwnerUrl, { max: 1, onnotice: () => {} });
  try {
    const [found] = await client`select 1 from pg_database where datname = ${name}`;
    if (!found) await client.unsafe(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
}

async function main() {
  const secrets = await loadSecrets(dataFolder);
  let embedded: EmbeddedServer | null = null;
  let ownerUrl = process.env.DATABASE_URL;
  let appUrl: string;

  if (ownerUrl) {
    console.log("Using the PostgreSQL server in DATABASE_URL.");
    await migrateDatabase(ownerUrl, process.env.APP_DATABASE_PASSWORD);
    appUrl = appDatabaseUrl(process.env);
  } else {
    const embeddedPort = Number(process.env.EMBEDDED_PG_PORT ?? 54329);
    console.log(`Starting the embedded PostgreSQL (data in .data/postgres, port ${embeddedPort})…`);
    embedded = await startEmbeddedPostgres({
      folder: dataFolder,
      port: embeddedPort,
      persistent: true,
    });
    await ensureDatabase(embedded.ownerUrl, "standby");
    ownerUrl = withDatabase(embedded.ownerUrl, "standby");
    await migrateDatabase(ownerUrl, embedded.appPassword);
    appUrl = withUser(ownerUrl, APP_ROLE, embedded.appPassword);
  }

  // The demo schedule is sealed with the key the app and the worker are given below.
  const patientDataKey = process.env.PATIENT_DATA_KEY ?? secrets.patientDataKey;
  if (await seedDemo(ownerUrl, { patientDataKey })) {
    console.log(`\nDemo data seeded. Every demo login uses the password: ${DEMO_PASSWORD}`);
    for (const login of demoLogins)
      console.log(`  ${login.email.padEnd(28)} ${login.role.padEnd(28)} sees ${login.sees}`);
    console.log("");
  } else {
    console.log(
      `Existing data kept. Demo logins (if this database was seeded): admin@summit-it.example / ${DEMO_PASSWORD}`,
    );
  }

  const env = appServerEnv(process.env, {
    appDatabaseUrl: appUrl,
    authSecret: secrets.authSecret,
    patientDataKey: secrets.patientDataKey,
    dev,
  });
  // Standby may reach the local FHIR test server (loopback is otherwise refused as an outbound address).
  if (withFhirTestServer)
    env.OUTBOUND_ALLOWLIST = [env.OUTBOUND_ALLOWLIST, "127.0.0.1"].filter(Boolean).join(",");
  const fhirTestServer = withFhirTestServer
    ? spawn(
        process.execPath,
        ["--import", "tsx", "server/cli/fhir-test-server.ts", "--port", String(fhirTestPort)],
        { stdio: "inherit", env: process.env },
      )
    : null;

  // The worker first: it is up (and has said so in its heartbeat) before the app answers /api/health.
  let stopping = false;
  let worker: ChildProcess | null = null;
  const startWorker = () => {
    worker = spawnWorker({ env });
    worker.on("exit", (code, signal) => {
      worker = null;
      if (stopping) return;
      console.error(
        `The worker stopped (${signal ?? `exit code ${code}`}); starting another in 5 s.`,
      );
      setTimeout(() => {
        if (!stopping) startWorker();
      }, 5_000).unref();
    });
  };
  startWorker();
  const stopWorker = () =>
    new Promise<void>((resolve) => {
      const running = worker as ChildProcess | null;
      if (!running || running.exitCode !== null) return resolve();
      running.once("exit", () => resolve());
      running.kill("SIGTERM");
    });

  if (!dev) {
    const buildId = path.join(root, ".next", "BUILD_ID");
    if (!existsSync(buildId) || statSync(buildId).mtimeMs < newestSourceChange()) {
      console.log("Building Standby (first start or changed sources; about a minute)…");
      const code = await run(nextBin, ["build"], env);
      if (code !== 0) {
        stopping = true;
        await stopWorker();
        await embedded?.stop();
        process.exit(code);
      }
    }
  }

  const app = spawn(nextBin, [dev ? "dev" : "start", "-p", String(port)], {
    stdio: "inherit",
    env,
  });
  console.log(`Standby is starting at http://localhost:${port}`);
  const shutdown = () => {
    stopping = true;
    fhirTestServer?.kill("SIGTERM");
    app.kill("SIGTERM");
    void stopWorker();
  };
  process.on("SIGINT", shutdown);
  process.on("SIGTERM", shutdown);
  app.on("exit", async (code) => {
    stopping = true;
    fhirTestServer?.kill("SIGTERM");
    await stopWorker();
    await embedded?.stop();
    process.exit(code ?? 0);
  });
}

main().catch((error: unknown) => {
  console.error("Standby could not start:", error instanceof Error ? error.message : error);
  process.exit(1);
});
