import "server-only";
import { and, desc, eq, isNotNull, isNull } from "drizzle-orm";
import { incidents, practices, reviews } from "@/db/schema";
import { localDate } from "@/server/domain/local-date";
import { nextReviewDue, reviewCadence, reviewTiming } from "@/server/domain/review-cadence";
import { NotFoundError } from "@/server/errors";
import type { ServiceContext } from "./context";

/** When the practice's next review is due, and why at that cadence. */
export async function reviewSchedule(ctx: ServiceContext, practiceId: string, now: Date) {
  const [practice] = await ctx.tx
    .select({
      createdAt: practices.createdAt,
      timezone: practices.timezone,
      isNewOffice: practices.isNewOffice,
      isMigrating: practices.isMigrating,
    })
    .from(practices)
    .where(and(eq(practices.mspId, ctx.mspId), eq(practices.id, practiceId)));
  if (!practice) throw new NotFoundError("Practice");
  const [[lastSignedOff], [open], [lastIncident]] = await Promise.all([
    ctx.tx
      .select({ id: reviews.id, signedOffAt: reviews.signedOffAt })
      .from(reviews)
      .where(
        and(
          eq(reviews.mspId, ctx.mspId),
          eq(reviews.practiceId, practiceId),
          isNotNull(reviews.signedOffAt),
        ),
      )
      .orderBy(desc(reviews.signedOffAt))
      .limit(1),
    ctx.tx
      .select({ id: reviews.id, dueOn: reviews.dueOn })
      .from(reviews)
      .where(
        and(
          eq(reviews.mspId, ctx.mspId),
          eq(reviews.practiceId, practiceId),
          isNull(reviews.signedOffAt),
        ),
      ),
    ctx.tx
      .select({ startedAt: incidents.startedAt })
      .from(incidents)
      .where(
        and(
          eq(incidents.mspId, ctx.mspId),
          eq(incidents.practiceId, practiceId),
          isNull(incidents.duplicateOfIncidentId),
        ),
      )
      .orderBy(desc(incidents.startedAt))
      .limit(1),
  ]);
  const cadence = reviewCadence(
    {
      isNewOffice: practice.isNewOffice,
      isMigrating: practice.isMigrating,
      lastIncidentAt: lastIncident?.startedAt ?? null,
    },
    now,
  );
  const due = nextReviewDue(
    { signedOffAt: lastSignedOff?.signedOffAt ?? null, practiceCreatedAt: practice.createdAt },
    cadence,
  );
  const dueOn = localDate(due, practice.timezone);
  return {
    cadence,
    dueOn,
    // Both days in the practice's calendar, so "overdue" turns at its midnight, not the server's.
    ...reviewTiming(
      new Date(`${dueOn}T00:00:00Z`),
      new Date(`${localDate(now, practice.timezone)}T00:00:00Z`),
    ),
    lastSignedOffAt: lastSignedOff?.signedOffAt ?? null,
    openReviewId: open?.id ?? null,
  };
}
