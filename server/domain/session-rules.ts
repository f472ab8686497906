/** When a signed-in session stops being valid. Pure: the clock is passed in. */

export type SessionPolicy = { idleMinutes: number; absoluteMinutes: number };

export const defaultSessionPolicy: SessionPolicy = { idleMinutes: 30, absoluteMinutes: 12 * 60 };

export function sessionPolicyFromEnv(
  env: Record<string, string | undefined> = process.env,
): SessionPolicy {
  const read = (value: string | undefined, fallback: number) => {
    const parsed = Number(value);
    return Number.isInteger(parsed) && parsed > 0 ? parsed : fallback;
  };
  return {
    idleMinutes: read(env.SESSION_IDLE_MINUTES, defaultSessionPolicy.idleMinutes),
    absoluteMinutes: read(env.SESSION_MAX_HOURS, defaultSessionPolicy.absoluteMinutes / 60) * 60,
  };
}

export type SessionTimes = { createdAt: Date; lastSeenAt: Date; revokedAt: Date | null };

export function sessionState(
  session: SessionTimes,
  now: Date,
  policy: SessionPolicy,
): "active" | "revoked" | "idle" | "expired" {
  if (session.revokedAt) return "revoked";
  if (now.getTime() - session.createdAt.getTime() >= policy.absoluteMinutes * 60_000)
    return "expired";
  if (now.getTime() - session.lastSeenAt.getTime() >= policy.idleMinutes * 60_000) return "idle";
  return "active";
}

/** Writing last_seen_at on every request would be a write per click; once a minute is enough. */
export function shouldTouch(lastSeenAt: Date, now: Date): boolean {
  return now.getTime() - lastSeenAt.getTime() >= 60_000;
}
