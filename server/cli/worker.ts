/**
 * npm run worker — one background worker, its own process (server/worker/worker.ts). Reads
 * APP_DATABASE_URL (or DATABASE_URL with the app role, as the app servers do) and runs as the app
 * role. Start as many as you like, on as many machines: each job runs on one of them.
 * SIGTERM or SIGINT: stops taking jobs, lets the running ones finish (up to 25 s) and gives the
 * rest back for another worker to retry.
 */
import { closeDb } from "@/db/client";
import { startWorker } from "@/server/worker/worker";

const worker = await startWorker().catch((error: unknown) => {
  console.error("The worker could not start:", error instanceof Error ? error.message : error);
  process.exit(1);
});
console.log(`Worker ${worker.id} is running (process ${process.pid}).`);

let stopping = false;
for (const signal of ["SIGTERM", "SIGINT"] as const)
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    console.log("Worker stopping: finishing the jobs it holds…");
    void worker
      .stop()
      .then(() => closeDb())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          console.error("The worker did not stop cleanly:", error);
          process.exit(1);
        },
      );
  });
