import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { PracticeEditor } from "@/components/practices/practice-editor";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/server/permissions";
import { orNotFound } from "@/server/rsc-errors";
import { getQueryClient, trpc } from "@/server/rsc";
import { requireUser } from "@/server/session";

export const metadata: Metadata = { title: "Edit practice" };

export default async function EditPracticePage({
  params,
}: {
  params: Promise<{ practiceId: string }>;
}) {
  const { practiceId } = await params;
  const user = await requireUser();
  if (!can(user.role, "practices.write")) notFound();
  const practice = await orNotFound(
    getQueryClient().fetchQuery(trpc.practices.get.queryOptions({ practiceId })),
  );
  return (
    <>
      <PageHeader title={`Edit ${practice.name}`} />
      <PracticeEditor practice={practice} />
    </>
  );
}
