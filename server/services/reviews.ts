import "server-only";
import { and, desc, eq, isNotNull, lt } from "drizzle-orm";
import { sql } from "drizzle-orm";
import type { z } from "zod";
import { reviews } from "@/db/schema";
import { ConflictError, InvalidError, NotFoundError } from "@/server/errors";
import { practiceInScope, recordAudit, type ServiceContext } from "./context";
import { practiceReadiness, type PracticeReadiness } from "./readiness";
import {
  signOffProblems,
  type reviewRefSchema,
  type saveReviewSchema,
  type signOffReviewSchema,
} from "@/server/contracts/reviews";
import { reviewSchedule } from "./review-schedule";
import { riskChangesBetween } from "./risks";
import { dateTimeFormat } from "@/server/domain/intl-formats";

export async function listReviews(ctx: ServiceContext, practiceId: string, now = new Date()) {
  await practiceInScope(ctx, practiceId);
  const [schedule, items] = await Promise.all([
    reviewSchedule(ctx, practiceId, now),
    ctx.tx
      .select({
        id: reviews.id,
        dueOn: reviews.dueOn,
        signedOffAt: reviews.signedOffAt,
        signedOffByName: reviews.signedOffByName,
        updatedAt: reviews.updatedAt,
        updatedByName: reviews.updatedByName,
      })
      .from(reviews)
      .where(and(eq(reviews.mspId, ctx.mspId), eq(reviews.practiceId, practiceId)))
      .orderBy(sql`${reviews.signedOffAt} desc nulls first`, desc(reviews.createdAt))
      .limit(200),
  ]);
  return { schedule, items };
}

/** Opens the practice's next review, due on the schedule's date; the open one if there is one already. */
export async function startReview(ctx: ServiceContext, practiceId: string, now = new Date()) {
  await practiceInScope(ctx, practiceId, "change");
  const schedule = await reviewSchedule(ctx, practiceId, now);
  if (schedule.openReviewId) return { id: schedule.openReviewId, created: false };
  const [created] = await ctx.tx
    .insert(reviews)
    .values({ mspId: ctx.mspId, practiceId, dueOn: schedule.dueOn, updatedByName: ctx.actor.name })
    .onConflictDoNothing()
    .returning({ id: reviews.id });
  if (!created) {
    // Someone else opened it a moment ago.
    const again = await reviewSchedule(ctx, practiceId, now);
    return { id: again.openReviewId!, created: false };
  }
  await recordAudit(ctx, {
    action: "review.start",
    entityType: "review",
    entityId: created.id,
    practiceId,
    summary: { dueOn: schedule.dueOn },
  });
  return { id: created.id, created: true };
}

async function loadReview(ctx: ServiceContext, input: z.infer<typeof reviewRefSchema>) {
  const [review] = await ctx.tx
    .select()
    .from(reviews)
    .where(
      and(
        eq(reviews.mspId, ctx.mspId),
        eq(reviews.practiceId, input.practiceId),
        eq(reviews.id, input.reviewId),
      ),
    );
  if (!review) throw new NotFoundError("Review");
  return review;
}

/** A review, the risk changes since the one before it, and the readiness figures (frozen once signed off). */
export async function getReview(
  ctx: ServiceContext,
  input: z.infer<typeof reviewRefSchema>,
  now = new Date(),
) {
  const practice = await practiceInScope(ctx, input.practiceId);
  const review = await loadReview(ctx, input);
  const until = review.signedOffAt ?? now;
  const [previous] = await ctx.tx
    .select({ id: reviews.id, signedOffAt: reviews.signedOffAt })
    .from(reviews)
    .where(
      and(
        eq(reviews.mspId, ctx.mspId),
        eq(reviews.practiceId, input.practiceId),
        isNotNull(reviews.signedOffAt),
        lt(reviews.signedOffAt, until),
      ),
    )
    .orderBy(desc(reviews.signedOffAt))
    .limit(1);
  const [riskChanges, readiness] = await Promise.all([
    riskChangesBetween(ctx, input.practiceId, previous?.signedOffAt ?? null, until),
    review.signedOffAt
      ? Promise.resolve(review.snapshot as PracticeReadiness)
      : practiceReadiness(ctx, input.practiceId, now),
  ]);
  const { mspId: _mspId, snapshot: _snapshot, ...fields } = review;
  return {
    practice: {
      id: practice.id,
      name: practice.name,
      timezone: practice.timezone,
      archived: Boolean(practice.archivedAt),
    },
    review: fields,
    previousSignedOffAt: previous?.signedOffAt ?? null,
    riskChanges,
    readiness,
  };
}

function refuseIfSignedOff(
  review: { signedOffAt: Date | null; signedOffByName: string | null },
  timezone: string,
) {
  if (!review.signedOffAt) return;
  const when = dateTimeFormat("en-US", { timeZone: timezone, dateStyle: "medium" }).format(
    review.signedOffAt,
  );
  throw new InvalidError(
    `This review was signed off by ${review.signedOffByName ?? "someone"} on ${when} and can no longer change. Start the next review instead.`,
  );
}

export async function saveReview(
  ctx: ServiceContext,
  input: z.infer<typeof saveReviewSchema>,
  now = new Date(),
) {
  const practice = await practiceInScope(ctx, input.practiceId, "change");
  const current = await loadReview(ctx, input);
  refuseIfSignedOff(current, practice.timezone);
  const { practiceId, reviewId, version, ...fields } = input;
  const [saved] = await ctx.tx
    .update(reviews)
    .set({
      ...fields,
      version: sql`${reviews.version} + 1`,
      updatedByName: ctx.actor.name,
      updatedAt: now,
    })
    .where(
      and(eq(reviews.mspId, ctx.mspId), eq(reviews.id, reviewId), eq(reviews.version, version)),
    )
    .returning({ version: reviews.version });
  if (!saved) {
    const when = dateTimeFormat("en-US", {
      timeZone: practice.timezone,
      dateStyle: "medium",
      timeStyle: "short",
    }).format(current.updatedAt);
    throw new ConflictError(
      `${current.updatedByName} saved this review at ${when}, after you opened it. Your answers are still in the form: note them, then load their version.`,
    );
  }
  await recordAudit(ctx, {
    action: "review.save",
    entityType: "review",
    entityId: reviewId,
    practiceId,
  });
  return { version: saved.version };
}

/** Freezes the review with the readiness figures of this moment. */
export async function signOffReview(
  ctx: ServiceContext,
  input: z.infer<typeof signOffReviewSchema>,
  now = new Date(),
) {
  const practice = await practiceInScope(ctx, input.practiceId, "change");
  const current = await loadReview(ctx, input);
  refuseIfSignedOff(current, practice.timezone);
  if (current.version !== input.version) {
    throw new ConflictError(
      `${current.updatedByName} changed this review after you opened it. Load their version and check it before signing off.`,
    );
  }
  const problems = signOffProblems(current);
  if (problems.length > 0)
    throw new InvalidError(`Save the review with these first: ${problems.join(" ")}`);
  const snapshot = await practiceReadiness(ctx, input.practiceId, now);
  const [signed] = await ctx.tx
    .update(reviews)
    .set({
      signedOffAt: now,
      signedOffByUserId: ctx.actor.userId,
      signedOffByName: ctx.actor.name,
      snapshot,
      version: sql`${reviews.version} + 1`,
      updatedByName: ctx.actor.name,
      updatedAt: now,
    })
    .where(
      and(
        eq(reviews.mspId, ctx.mspId),
        eq(reviews.id, input.reviewId),
        eq(reviews.version, input.version),
      ),
    )
    .returning({ version: reviews.version });
  if (!signed)
    throw new ConflictError(
      "Someone changed this review a moment ago. Load their version and check it before signing off.",
    );
  await recordAudit(ctx, {
    action: "review.sign_off",
    entityType: "review",
    entityId: input.reviewId,
    practiceId: input.practiceId,
    summary: { dueOn: current.dueOn },
  });
  return { signedOffAt: now };
}
