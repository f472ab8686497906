/**
 * The app the browser suite drives: a fresh database (seeded with the demo MSPs), then the built
 * app on it. Stopped by Playwright with SIGTERM, it stops the app and drops the database.
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { provisionTestDatabase } from "@/db/test-database";
import { seedDemo } from "@/db/seed";

const port = Number(process.env.E2E_PORT ?? 3100);
const database = await provisionTestDatabase("standby_e2e");
await seedDemo(database.ownerUrl);

const app = spawn(path.join(process.cwd(), "node_modules", ".bin", "next"), ["start", "-p", String(port)], {
  stdio: "inherit",
  env: {
    ...process.env,
    DATABASE_URL: undefined,
    APP_DATABASE_URL: database.appUrl,
    AUTH_SECRET: "browser-suite-secret-not-for-production",
    AUTH_URL: `http://localhost:${port}`,
    NODE_ENV: "production",
  },
});

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  app.kill("SIGTERM");
  await new Promise((resolve) => (app.exitCode === null ? app.once("exit", resolve) : resolve(null)));
  await database.drop();
  process.exit(0);
}
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
app.on("exit", (code) => {
  if (!stopping) void database.drop().finally(() => process.exit(code ?? 1));
});
