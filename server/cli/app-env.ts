import { withAppServerNodeOptions } from "./node-options";

/**
 * The environment `npm start` gives the app server: the operator's own, plus the app role's
 * database connection and the secret. AUTH_URL only when the operator set it: without it, links
 * and redirects follow the address each person used (http://127.0.0.1:3000 stays on 127.0.0.1,
 * where the session cookie is), instead of sending everyone to one guessed name.
 */
export function appServerEnv(
  env: NodeJS.ProcessEnv,
  options: { appDatabaseUrl: string; authSecret: string; patientDataKey?: string; dev?: boolean },
): NodeJS.ProcessEnv {
  const result: NodeJS.ProcessEnv = {
    ...env,
    APP_DATABASE_URL: options.appDatabaseUrl,
    AUTH_SECRET: env.AUTH_SECRET ?? options.authSecret,
    PATIENT_DATA_KEY: env.PATIENT_DATA_KEY ?? options.patientDataKey,
    NODE_ENV: options.dev ? "development" : "production",
  };
  delete result.DATABASE_URL; // the app runs as the app role only; the owner's connection stays with npm start
  return withAppServerNodeOptions(result);
}
