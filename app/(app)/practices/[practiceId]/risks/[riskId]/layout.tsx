import type { ReactNode } from "react";
import { orNotFound } from "@/server/rsc-errors";
import { getQueryClient, trpc } from "@/server/rsc";

/** A missing risk is a real 404: checked here, outside this segment's loading.tsx, before the answer streams. */
export default async function RiskLayout({
  params,
  children,
}: {
  params: Promise<{ practiceId: string; riskId: string }>;
  children: ReactNode;
}) {
  const { practiceId, riskId } = await params;
  await orNotFound(
    getQueryClient().fetchQuery(trpc.risks.get.queryOptions({ practiceId, riskId })),
  );
  return children;
}
