/**
 * A worker as a child process (npm start, the browser suite's and benchmarks' app, tests). Node runs
 * the script itself (tsx as a loader, not its wrapper process), so a signal sent to the child
 * reaches the worker, and killing it leaves nothing behind.
 */
import { spawn, type ChildProcess, type StdioOptions } from "node:child_process";
import path from "node:path";

export function spawnWorker(options: {
  env: NodeJS.ProcessEnv;
  stdio?: StdioOptions;
  /** Another entry than server/cli/worker.ts (tests), with its arguments. */
  script?: string;
  args?: string[];
}): ChildProcess {
  const script = path.join(process.cwd(), options.script ?? "server/cli/worker.ts");
  return spawn(
    process.execPath,
    ["--import", "tsx", "--conditions=react-server", script, ...(options.args ?? [])],
    { env: options.env, stdio: options.stdio ?? "inherit" },
  );
}
