import type { ReactNode } from "react";
import { PracticeTabs } from "@/components/practices/practice-tabs";
import { orNotFound } from "@/server/rsc-errors";
import { getQueryClient, trpc } from "@/server/rsc";

/**
 * Every page of one practice shares its tab bar; each page keeps its own heading. A practice that
 * does not exist (or that the person may not see) is the 404 page, decided here: no loading.tsx sits
 * above this layout, so the answer has not started streaming and its status is a real 404. (The pages
 * read the same query from the request's cache.)
 */
export default async function PracticeLayout({
  params,
  children,
}: {
  params: Promise<{ practiceId: string }>;
  children: ReactNode;
}) {
  const { practiceId } = await params;
  await orNotFound(getQueryClient().fetchQuery(trpc.practices.get.queryOptions({ practiceId })));
  return (
    <>
      <PracticeTabs practiceId={practiceId} />
      {children}
    </>
  );
}
