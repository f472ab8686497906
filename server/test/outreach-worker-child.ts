/**
 * A worker in a child process for the outreach tests, so a test can kill it (SIGKILL) in the middle
 * of a campaign: Standby's own outreach-send job, taken from the test's queue (argv[2]) so that it
 * never takes another test file's jobs.
 */
import { jobs } from "@/server/worker/jobs";
import { startWorker } from "@/server/worker/worker";

await startWorker({
  jobs: { [process.argv[2] ?? "outreach-send"]: jobs["outreach-send"] },
  schedules: null,
  pollingIntervalSeconds: 0.5,
  log: () => {},
});
console.log("ready");
