/** Where Standby's databases are, read from the environment. No I/O here. */

/** The login role the app runs as: not the owner, not a superuser, no BYPASSRLS. */
export const APP_ROLE = "standby_app";

/**
 * The app's own connection. APP_DATABASE_URL when given; otherwise DATABASE_URL with the user
 * swapped for standby_app (and APP_DATABASE_PASSWORD as its password, if set).
 */
export function appDatabaseUrl(env: Record<string, string | undefined> = process.env): string {
  if (env.APP_DATABASE_URL) return env.APP_DATABASE_URL;
  const owner = env.DATABASE_URL;
  if (!owner)
    throw new Error(
      "DATABASE_URL is not set. Start Standby with `npm start`, or set DATABASE_URL.",
    );
  return withUser(owner, APP_ROLE, env.APP_DATABASE_PASSWORD);
}

export function withUser(url: string, user: string, password?: string): string {
  const parsed = new URL(url);
  parsed.username = user;
  parsed.password = password ? encodeURIComponent(password) : "";
  return parsed.toString();
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}
