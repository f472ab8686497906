/**
 * The app the browser suite drives: a fresh database (seeded with the demo MSPs), then the built
 * app on it. Stopped by Playwright with SIGTERM, it stops the app and drops the database.
 */
import { provisionTestDatabase } from "@/db/test-database";
import { seedDemo } from "@/server/cli/seed-demo";
import { startBuiltApp } from "@/server/test/built-app";

const port = Number(process.env.E2E_PORT ?? 3100);
const database = await provisionTestDatabase("standby_e2e");
await seedDemo(database.ownerUrl);

const app = await startBuiltApp({
  port,
  appDatabaseUrl: database.appUrl,
  authSecret: "browser-suite-secret-not-for-production",
  stdio: "inherit",
  waitForHealth: false,
});

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  await app.stop();
  await database.drop();
  process.exit(0);
}
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
app.process.on("exit", (code) => {
  if (!stopping) void database.drop().finally(() => process.exit(code ?? 1));
});
