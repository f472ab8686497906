import type { ReactNode } from "react";
import { orNotFound } from "@/server/rsc-errors";
import { getQueryClient, trpc } from "@/server/rsc";

/** A missing review is a real 404: checked here, outside this segment's loading.tsx, before the answer streams. */
export default async function ReviewLayout({
  params,
  children,
}: {
  params: Promise<{ practiceId: string; reviewId: string }>;
  children: ReactNode;
}) {
  const { practiceId, reviewId } = await params;
  await orNotFound(
    getQueryClient().fetchQuery(trpc.reviews.get.queryOptions({ practiceId, reviewId })),
  );
  return children;
}
