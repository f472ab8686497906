/**
 * A worker in a child process for server/worker/worker.test.ts, so a test can kill it (SIGKILL)
 * in the middle of a job. Its one queue (argv[2]) holds each job until the process dies, after
 * printing "started <job id>".
 */
import { startWorker } from "@/server/worker/worker";

const queue = process.argv[2]!;
await startWorker({
  jobs: {
    [queue]: {
      kind: "system",
      async run(payload) {
        console.log(`started ${String(payload.marker)}`);
        await new Promise(() => {}); // never finishes: the test kills this process
      },
    },
  },
  schedules: null,
  pollingIntervalSeconds: 0.5,
  log: () => {},
});
console.log("ready");
