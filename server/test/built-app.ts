/**
 * The built app (`next build` output) as a child process on a port of its own, with a background
 * worker beside it as `npm start` runs one (so /api/health answers 200), for the browser suite, the
 * benchmarks and the reliability checks. No test-framework imports here.
 */
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { withAppServerNodeOptions } from "@/server/cli/node-options";
import { spawnWorker } from "@/server/cli/worker-process";

export type BuiltApp = {
  url: string;
  port: number;
  process: ChildProcess;
  /** The worker started beside the app, if any. */
  worker: ChildProcess | null;
  /** SIGTERM, then waits for the processes to end. */
  stop(): Promise<void>;
};

export async function startBuiltApp(options: {
  port: number;
  /** The app role's connection: row-level security applies. */
  appDatabaseUrl: string;
  authSecret: string;
  stdio?: "inherit" | "ignore";
  /** "pipe" to read the app's error output (app.process.stderr); inherited by default. */
  stderr?: "inherit" | "pipe";
  env?: Partial<NodeJS.ProcessEnv>;
  /** Resolve only once /api/health answers 200 (default). */
  waitForHealth?: boolean;
  /** Start a worker beside the app (default); servers sharing a database may share one. */
  worker?: boolean;
}): Promise<BuiltApp> {
  const url = `http://localhost:${options.port}`;
  const environment = withAppServerNodeOptions({
    ...process.env,
    DATABASE_URL: undefined,
    APP_DATABASE_URL: options.appDatabaseUrl,
    AUTH_SECRET: options.authSecret,
    PATIENT_DATA_KEY:
      process.env.PATIENT_DATA_KEY ?? `${options.authSecret}-patient-data-key-for-tests`,
    AUTH_URL: url,
    NODE_ENV: "production",
    ...options.env,
  });
  const worker =
    options.worker === false
      ? null
      : spawnWorker({
          env: environment,
          // Its errors are passed on, never piped to a reader that may not drain them.
          stdio: ["ignore", options.stdio ?? "ignore", "inherit"],
        });
  const child = spawn(
    path.join(process.cwd(), "node_modules", ".bin", "next"),
    ["start", "-p", String(options.port)],
    {
      stdio: ["ignore", options.stdio ?? "ignore", options.stderr ?? "inherit"],
      env: environment,
    },
  );
  const exitOf = (process: ChildProcess | null) =>
    new Promise<void>((resolve) =>
      !process || process.exitCode !== null || process.signalCode !== null
        ? resolve()
        : process.once("exit", () => resolve()),
    );
  const exited = Promise.all([exitOf(child), exitOf(worker)]);
  const app: BuiltApp = {
    url,
    port: options.port,
    process: child,
    worker,
    async stop() {
      if (child.exitCode === null) child.kill("SIGTERM");
      if (worker && worker.exitCode === null) worker.kill("SIGTERM");
      await exited;
    },
  };
  if (options.waitForHealth !== false) {
    try {
      await waitForHealthy(url, () => child.exitCode !== null);
    } catch (error) {
      await app.stop();
      throw error;
    }
  }
  return app;
}

export async function waitForHealthy(
  url: string,
  gaveUp: () => boolean = () => false,
  timeoutMs = 60_000,
) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until && !gaveUp()) {
    try {
      if ((await fetch(`${url}/api/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`The app at ${url} did not become healthy.`);
}

/**
 * Signs in through Auth.js' credentials endpoint as a browser would and returns the Cookie header
 * value carrying the session. Accounts with two-factor on cannot be signed in this way.
 */
export async function signInOverHttp(
  baseUrl: string,
  email: string,
  password: string,
): Promise<string> {
  const csrf = await fetch(`${baseUrl}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const jar = csrf.headers
    .getSetCookie()
    .map((cookie) => cookie.split(";")[0]!)
    .join("; ");
  const response = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar },
    body: new URLSearchParams({ email, password, csrfToken, callbackUrl: `${baseUrl}/portfolio` }),
  });
  const cookies = response.headers.getSetCookie().map((cookie) => cookie.split(";")[0]!);
  if (!cookies.some((cookie) => /^(__Host-)?standby\.session=/.test(cookie))) {
    throw new Error(
      `Signing in as ${email} failed (${response.status} ${response.headers.get("location") ?? ""}).`,
    );
  }
  return cookies.join("; ");
}
