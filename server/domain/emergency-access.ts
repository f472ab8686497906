/**
 * Emergency ("break glass") access to a practice's downtime documentation log: pure rules.
 * The database enforces the same limits (db/migrations/0016_emergency_access_row_level_security.sql
 * and the checks on emergency_access_grants).
 */

import { EMERGENCY_ACCESS_MINUTES } from "@/server/contracts/emergency-access";

export type GrantWindow = { grantedAt: Date; expiresAt: Date };

export function grantWindow(now: Date, minutes = EMERGENCY_ACCESS_MINUTES): GrantWindow {
  return {
    grantedAt: new Date(now.getTime()),
    expiresAt: new Date(now.getTime() + Math.min(minutes, EMERGENCY_ACCESS_MINUTES) * 60_000),
  };
}

/** A grant is live from the moment it is given until (not including) its expiry. */
export function isLive(grant: GrantWindow, now: Date): boolean {
  return grant.grantedAt.getTime() <= now.getTime() && now.getTime() < grant.expiresAt.getTime();
}

/** Whole seconds left, never negative. */
export function secondsLeft(grant: Pick<GrantWindow, "expiresAt">, now: Date): number {
  return Math.max(0, Math.ceil((grant.expiresAt.getTime() - now.getTime()) / 1000));
}

/** "59:07" for a countdown; hours are not needed while a grant lasts at most an hour. */
export function formatCountdown(seconds: number): string {
  const whole = Math.max(0, Math.floor(seconds));
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, "0")}`;
}
