/** Vendor contacts go stale: they are flagged when not verified in the last 90 days. */
export const VERIFY_EVERY_DAYS = 90;

export type Verification = { status: "never" | "current" | "overdue"; daysSince: number | null };

export function verificationOf(lastVerifiedAt: Date | null, now: Date): Verification {
  if (!lastVerifiedAt) return { status: "never", daysSince: null };
  const daysSince = Math.floor((now.getTime() - lastVerifiedAt.getTime()) / (24 * 60 * 60_000));
  return { status: daysSince > VERIFY_EVERY_DAYS ? "overdue" : "current", daysSince };
}
