import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { PracticeEditor } from "@/components/practices/practice-editor";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/server/permissions";
import { getCurrentUser } from "@/server/session";

export const metadata: Metadata = { title: "New practice" };

export default async function NewPracticePage() {
  const user = (await getCurrentUser())!;
  if (!can(user.role, "practices.write")) notFound();
  return (
    <>
      <PageHeader title="New practice" description="Name the practice and its sites. Its downtime plan starts from your MSP's template." />
      <PracticeEditor />
    </>
  );
}
