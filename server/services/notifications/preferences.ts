import "server-only";
import { and, eq } from "drizzle-orm";
import { notificationPreferences } from "@/db/schema";
import type { NotificationPreferencesInput } from "@/server/contracts/notifications";
import { ConflictError, ForbiddenError } from "@/server/errors";
import { recordAudit, type ServiceContext } from "@/server/services/context";
import { automaticDigestTimeZone, DIGEST_HOUR } from "./digest";

type Self = ServiceContext & { actor: { userId: string; name: string } };

function self(ctx: ServiceContext): Self {
  if (!ctx.actor.userId) throw new ForbiddenError("Sign in first.");
  return ctx as Self;
}

const nothingChosen = {
  outageEmail: false,
  outageSms: false,
  mobile: "",
  dailyDigest: false,
  digestTimeZone: "",
  digestHour: DIGEST_HOUR,
};

async function ownRow(ctx: Self, lock = false) {
  const query = ctx.tx
    .select()
    .from(notificationPreferences)
    .where(
      and(
        eq(notificationPreferences.mspId, ctx.mspId),
        eq(notificationPreferences.userId, ctx.actor.userId),
      ),
    );
  const [row] = lock ? await query.for("update") : await query;
  return row ?? null;
}

/**
 * The signed-in member's own choices (all off, version 0, until they save them once), and the time
 * zone their digest follows when they choose none.
 */
export async function getNotificationPreferences(serviceContext: ServiceContext) {
  const ctx = self(serviceContext);
  const row = await ownRow(ctx);
  const automaticZone = await automaticDigestTimeZone(ctx);
  if (!row) return { ...nothingChosen, version: 0, automaticDigestTimeZone: automaticZone };
  return {
    automaticDigestTimeZone: automaticZone,
    outageEmail: row.outageEmail,
    outageSms: row.outageSms,
    mobile: row.mobile ?? "",
    dailyDigest: row.dailyDigest,
    digestTimeZone: row.digestTimeZone ?? "",
    digestHour: row.digestHour,
    version: row.version,
  };
}

/** Saves the member's own choices, naming the version they read (0 for a first save). */
export async function updateNotificationPreferences(
  serviceContext: ServiceContext,
  version: number,
  input: NotificationPreferencesInput,
) {
  const ctx = self(serviceContext);
  const row = await ownRow(ctx, true);
  if ((row?.version ?? 0) !== version)
    throw new ConflictError(
      "Your notification choices were changed in another window. Reload to see them.",
    );
  const values = {
    outageEmail: input.outageEmail,
    outageSms: input.outageSms,
    mobile: input.mobile === "" ? null : input.mobile,
    dailyDigest: input.dailyDigest,
    digestTimeZone: input.digestTimeZone === "" ? null : input.digestTimeZone,
    digestHour: input.digestHour,
  };
  if (row)
    await ctx.tx
      .update(notificationPreferences)
      .set({ ...values, version: row.version + 1, updatedAt: new Date() })
      .where(
        and(
          eq(notificationPreferences.mspId, ctx.mspId),
          eq(notificationPreferences.userId, ctx.actor.userId),
        ),
      );
  else
    await ctx.tx
      .insert(notificationPreferences)
      .values({ mspId: ctx.mspId, userId: ctx.actor.userId, ...values });
  const before = row
    ? {
        outageEmail: row.outageEmail,
        outageSms: row.outageSms,
        mobileSet: row.mobile !== null,
        dailyDigest: row.dailyDigest,
        digestTimeZone: row.digestTimeZone,
        digestHour: row.digestHour,
      }
    : null;
  await recordAudit(ctx, {
    action: "notification_preferences.updated",
    entityType: "user",
    entityId: ctx.actor.userId,
    // The number itself stays out of the audit log: whether one is set is enough.
    summary: {
      before,
      after: {
        outageEmail: values.outageEmail,
        outageSms: values.outageSms,
        mobileSet: values.mobile !== null,
        dailyDigest: values.dailyDigest,
        digestTimeZone: values.digestTimeZone,
        digestHour: values.digestHour,
      },
    },
  });
  return getNotificationPreferences(ctx);
}
