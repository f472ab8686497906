import "server-only";
import {
  getReview,
  listReviews,
  saveReview,
  signOffReview,
  startReview,
} from "@/server/services/reviews";
import { reviewRefSchema, saveReviewSchema, signOffReviewSchema } from "@/server/contracts/reviews";
import { practiceReadiness } from "@/server/services/readiness";
import { practiceProcedure, router } from "@/server/trpc";

export const reviewsRouter = router({
  list: practiceProcedure("reviews.read").query(({ ctx, input }) =>
    ctx.run((s) => listReviews(s, input.practiceId)),
  ),
  get: practiceProcedure("reviews.read")
    .input(reviewRefSchema)
    .query(({ ctx, input }) => ctx.run((s) => getReview(s, input))),
  start: practiceProcedure("reviews.write").mutation(({ ctx, input }) =>
    ctx.run((s) => startReview(s, input.practiceId)),
  ),
  save: practiceProcedure("reviews.write")
    .input(saveReviewSchema)
    .mutation(({ ctx, input }) => ctx.run((s) => saveReview(s, input))),
  signOff: practiceProcedure("reviews.write")
    .input(signOffReviewSchema)
    .mutation(({ ctx, input }) => ctx.run((s) => signOffReview(s, input))),
  /** The practice's readiness at a glance (its overview). */
  readiness: practiceProcedure("practices.read").query(({ ctx, input }) =>
    ctx.run((s) => practiceReadiness(s, input.practiceId)),
  ),
});
