/**
 * The app the browser suite drives: a fresh database (seeded with the demo MSPs), then the built
 * app on it. Stopped by Playwright with SIGTERM (or by Ctrl-C), it stops the app and drops the
 * database, whatever stage the start had reached; a start that fails drops it too. Databases that
 * a killed run left behind are dropped by the next run once they are a day old (provisionTestDatabase).
 */
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { provisionTestDatabase } from "@/db/test-database";
import { seedDemo } from "@/server/cli/seed-demo";
import { startBuiltApp, type BuiltApp } from "@/server/test/built-app";
import { databaseFile } from "./database";
import { e2ePort, e2eSmtpPort } from "./ports";

const port = e2ePort;
// The seed seals the demo schedule with the key the app then runs with (startBuiltApp passes it on).
process.env.PATIENT_DATA_KEY ??= "browser-suite-patient-data-key-not-for-production";
const provisioning = provisionTestDatabase("standby_e2e");
let app: BuiltApp | null = null;
let stopping: Promise<void> | null = null;

function stop(code: number) {
  stopping ??= (async () => {
    await app?.stop().catch(() => {});
    const database = await provisioning.catch(() => null);
    await database
      ?.drop()
      .catch((error: unknown) =>
        console.error(`Could not drop the browser suite's database ${database.name}:`, error),
      );
    process.exit(code);
  })();
  return stopping;
}
for (const signal of ["SIGTERM", "SIGINT", "SIGHUP"] as const)
  process.on(signal, () => void stop(0));

try {
  const database = await provisioning;
  console.log(`Browser suite database: ${database.name}`);
  if (!stopping) await seedDemo(database.ownerUrl);
  // For the few specs that plant rows no page makes yet (e2e/database.ts): this run's database and key.
  await mkdir(path.dirname(databaseFile), { recursive: true });
  await writeFile(
    databaseFile,
    JSON.stringify({ ownerUrl: database.ownerUrl, patientDataKey: process.env.PATIENT_DATA_KEY }),
  );
  if (!stopping) {
    app = await startBuiltApp({
      port,
      appDatabaseUrl: database.appUrl,
      authSecret: "browser-suite-secret-not-for-production",
      stdio: "inherit",
      waitForHealth: false,
      // Notifications go to receivers the specs start on loopback, which only the allowlist opens.
      env: { OUTBOUND_ALLOWLIST: "127.0.0.1", SMTP_URL: `smtp://127.0.0.1:${e2eSmtpPort}` },
    });
    app.process.on("exit", (code) => void stop(code ?? 1));
  }
} catch (error) {
  // Stopping drops the database under a seed still running, which then fails: not worth a word.
  if (!stopping) console.error(error);
  await stop(1);
}
