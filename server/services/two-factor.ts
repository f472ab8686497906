import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { and, count, eq, isNull, lt, or, sql } from "drizzle-orm";
import { generateSecret, generateURI, verify } from "otplib";
import QRCode from "qrcode";
import type { Transaction } from "@/db/client";
import { recoveryCodes, users } from "@/db/schema";
import {
  classifySecondFactor,
  recoveryCodeCount,
  recoveryCodeFrom,
  totpToleranceSeconds,
} from "@/server/domain/two-factor";
import { seal, unseal } from "./secret-box";

/** SHA-256 of a normalised recovery code, salted with the user id (see server/domain/two-factor.ts for why not argon2). */
export function recoveryCodeHash(userId: string, normalizedCode: string): string {
  return createHash("sha256").update(`recovery:${userId}:${normalizedCode}`).digest("hex");
}

/** Ten fresh codes replace any earlier ones; the plain codes are returned once and never stored. */
export async function replaceRecoveryCodes(
  tx: Transaction,
  mspId: string,
  userId: string,
  now: Date,
): Promise<string[]> {
  await tx
    .delete(recoveryCodes)
    .where(and(eq(recoveryCodes.mspId, mspId), eq(recoveryCodes.userId, userId)));
  const codes = Array.from({ length: recoveryCodeCount }, () => recoveryCodeFrom(randomBytes(16)));
  await tx.insert(recoveryCodes).values(
    codes.map((code) => ({
      mspId,
      userId,
      codeHash: recoveryCodeHash(userId, code.replaceAll("-", "")),
      createdAt: now,
    })),
  );
  return codes;
}

export async function recoveryCodesLeft(
  tx: Transaction,
  mspId: string,
  userId: string,
): Promise<number> {
  const [row] = await tx
    .select({ n: count() })
    .from(recoveryCodes)
    .where(
      and(
        eq(recoveryCodes.mspId, mspId),
        eq(recoveryCodes.userId, userId),
        isNull(recoveryCodes.usedAt),
      ),
    );
  return row?.n ?? 0;
}

/** Checks a TOTP code against a secret; the time step it matched, or null. Never throws on odd input. */
export async function totpStepFor(
  secret: string,
  code: string,
  now: Date,
  afterStep: number | null,
): Promise<number | null> {
  try {
    const result = await verify({
      secret,
      token: code,
      epoch: Math.floor(now.getTime() / 1000),
      epochTolerance: totpToleranceSeconds,
      ...(afterStep !== null ? { afterTimeStep: afterStep } : {}),
    });
    // otplib reports the matched TOTP time step, used to refuse the same code a second time.
    return result.valid && "timeStep" in result ? result.timeStep : null;
  } catch {
    return null;
  }
}

/**
 * The second factor at sign-in or re-authentication: an authenticator code (each accepted once: a
 * code seen before, even within its 30 seconds, is refused) or an unused recovery code (used up here).
 * Runs in the caller's transaction inside the user's tenant.
 */
export async function useSecondFactor(
  tx: Transaction,
  mspId: string,
  userId: string,
  input: string,
  now: Date,
): Promise<"totp" | "recovery" | null> {
  const factor = classifySecondFactor(input);
  if (factor.kind === "malformed") return null;
  if (factor.kind === "recovery") {
    const used = await tx
      .update(recoveryCodes)
      .set({ usedAt: now })
      .where(
        and(
          eq(recoveryCodes.mspId, mspId),
          eq(recoveryCodes.userId, userId),
          eq(recoveryCodes.codeHash, recoveryCodeHash(userId, factor.code)),
          isNull(recoveryCodes.usedAt),
        ),
      )
      .returning({ id: recoveryCodes.id });
    return used.length === 1 ? "recovery" : null;
  }
  const [user] = await tx
    .select({ sealed: users.totpSecret, lastStep: users.totpLastStep })
    .from(users)
    .where(and(eq(users.mspId, mspId), eq(users.id, userId)));
  const secret = user?.sealed ? unseal(user.sealed, userId) : null;
  if (!secret) return null;
  const step = await totpStepFor(secret, factor.code, now, user!.lastStep);
  if (step === null) return null;
  // Compare-and-set, so two requests racing with the same code cannot both pass.
  const accepted = await tx
    .update(users)
    .set({ totpLastStep: step })
    .where(
      and(
        eq(users.mspId, mspId),
        eq(users.id, userId),
        or(isNull(users.totpLastStep), lt(users.totpLastStep, step)),
      ),
    )
    .returning({ id: users.id });
  return accepted.length === 1 ? "totp" : null;
}

/** A new secret for enrolment, kept encrypted as pending until a code confirms it. */
export async function beginTotpEnrolment(
  tx: Transaction,
  mspId: string,
  userId: string,
  email: string,
) {
  const secret = generateSecret();
  await tx
    .update(users)
    .set({ totpPendingSecret: seal(secret, userId) })
    .where(and(eq(users.mspId, mspId), eq(users.id, userId)));
  const uri = generateURI({ issuer: "Standby", label: email, secret });
  const qrSvg = await QRCode.toString(uri, { type: "svg", errorCorrectionLevel: "M", margin: 2 });
  return { secret, uri, qrSvg };
}

/** Confirms the pending secret with a code from the app: the secret becomes the user's. */
export async function confirmTotpEnrolment(
  tx: Transaction,
  mspId: string,
  userId: string,
  code: string,
  now: Date,
): Promise<boolean> {
  const [user] = await tx
    .select({ pending: users.totpPendingSecret })
    .from(users)
    .where(and(eq(users.mspId, mspId), eq(users.id, userId)));
  const secret = user?.pending ? unseal(user.pending, userId) : null;
  if (!secret) return false;
  const step = await totpStepFor(secret, code.replace(/\s/g, ""), now, null);
  if (step === null) return false;
  await tx
    .update(users)
    .set({
      totpSecret: user!.pending,
      totpPendingSecret: null,
      totpEnabledAt: now,
      totpLastStep: step,
      updatedAt: now,
      version: sql`${users.version} + 1`,
    })
    .where(and(eq(users.mspId, mspId), eq(users.id, userId)));
  return true;
}
