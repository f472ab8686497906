import "server-only";
import { z } from "zod";
import { parseOutboundAllowlist } from "@/server/domain/outbound-address";

/**
 * The environment the app process reads, checked once with zod: when the server starts
 * (instrumentation.ts) and, for scripts and tests, on first use. An empty variable counts as unset.
 * A wrong one stops Standby with a message that names it and says what to set; nothing runs on
 * with an empty secret. The README's table of variables says what each one is for.
 */
const unsetIfBlank = (value: unknown) => (value === "" ? undefined : value);
const optionalUrl = (name: string) =>
  z.preprocess(unsetIfBlank, z.url(`${name} must be a URL (it is not one).`).optional());

const envSchema = z
  .object({
    AUTH_SECRET: z.preprocess(
      unsetIfBlank,
      z
        .string(
          `AUTH_SECRET is not set. Set a long random value, e.g. the output of \`openssl rand -base64 32\`.`,
        )
        .min(
          16,
          "AUTH_SECRET is too short: use at least 16 characters (e.g. `openssl rand -base64 32`).",
        ),
    ),
    APP_DATABASE_URL: optionalUrl("APP_DATABASE_URL"),
    DATABASE_URL: optionalUrl("DATABASE_URL"),
    AUTH_URL: optionalUrl("AUTH_URL"),
    SMTP_URL: optionalUrl("SMTP_URL"),
    MAIL_FROM: z.preprocess(unsetIfBlank, z.string().default("Standby <no-reply@localhost>")),
    SECRETS_KEY: z.preprocess(
      unsetIfBlank,
      z.string().min(16, "SECRETS_KEY is too short: use at least 16 characters.").optional(),
    ),
    PATIENT_DATA_KEY: z.preprocess(
      unsetIfBlank,
      z
        .string()
        .min(
          32,
          "PATIENT_DATA_KEY is too short: use at least 32 characters (e.g. `openssl rand -base64 32`).",
        )
        .optional(),
    ),
    PATIENT_DATA_PREVIOUS_KEYS: z.preprocess(unsetIfBlank, z.string().optional()),
    OUTBOUND_ALLOWLIST: z.preprocess(
      unsetIfBlank,
      z
        .string()
        .optional()
        .superRefine((value, context) => {
          try {
            parseOutboundAllowlist(value);
          } catch (error) {
            context.addIssue({ code: "custom", message: (error as Error).message });
          }
        }),
    ),
    SMS_API_BASE_URL: optionalUrl("SMS_API_BASE_URL"),
    /** DNS monitors ask these servers ("1.1.1.1, 127.0.0.1:5353"); the system's resolvers when unset. */
    MONITOR_DNS_SERVERS: z.preprocess(
      unsetIfBlank,
      z
        .string()
        .regex(
          /^\s*[0-9a-f.:[\]]+(\s*,\s*[0-9a-f.:[\]]+)*\s*$/i,
          "MONITOR_DNS_SERVERS must be addresses (with an optional :port), comma-separated.",
        )
        .optional(),
    ),
    DATABASE_POOL_SIZE: z.preprocess(
      unsetIfBlank,
      z.coerce
        .number("DATABASE_POOL_SIZE must be a whole number.")
        .int("DATABASE_POOL_SIZE must be a whole number.")
        .min(1, "DATABASE_POOL_SIZE must be at least 1.")
        .default(10),
    ),
  })
  .refine((env) => env.APP_DATABASE_URL || env.DATABASE_URL, {
    message:
      "Neither APP_DATABASE_URL nor DATABASE_URL is set. Start Standby with `npm start`, or set one of them.",
    path: ["APP_DATABASE_URL"],
  });

export type Env = z.infer<typeof envSchema>;

/** Checks an environment; throws an Error that lists every problem, one a line. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = envSchema.safeParse(source);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `  - ${issue.message}`);
  throw new Error(`Standby's environment is not right:\n${problems.join("\n")}`);
}

const names = Object.keys(envSchema.shape) as (keyof Env)[];
let checked: { key: string; env: Env } | undefined;

/** The app's environment, checked on first use and again only if one of its variables has changed since. */
export function env(): Env {
  const key = names.map((name) => process.env[name] ?? "").join("\0");
  if (checked?.key !== key) checked = { key, env: parseEnv(process.env) };
  return checked.env;
}
