/**
 * A worker as a child process (npm start, the browser suite's and benchmarks' app, tests). Node runs
 * the script itself (tsx as a loader, not its wrapper process), so a signal sent to the child
 * reaches the worker, and killing it leaves nothing behind.
 */
import { spawn, type ChildProcess, type StdioOptions } from "node:child_process";
import path from "node:path";

/**
 * A small young generation (2 MB semi-spaces instead of up to 16): a worker spends its time waiting on
 * the network, not allocating, and at rest it keeps about 25 MB less (measured by npm run bench).
 * package.json's "worker" script passes the same flag.
 */
export const WORKER_NODE_FLAGS = ["--max-semi-space-size=2"];

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
    [
      ...WORKER_NODE_FLAGS,
      "--import",
      "tsx",
      "--conditions=react-server",
      script,
      ...(options.args ?? []),
    ],
    { env: options.env, stdio: options.stdio ?? "inherit" },
  );
}
