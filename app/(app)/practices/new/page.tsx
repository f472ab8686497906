import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { PracticeEditor } from "@/components/practices/practice-editor";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/server/permissions";
import { requireUser } from "@/server/session";

export const metadata: Metadata = { title: "New practice" };

export default async function NewPracticePage() {
  const user = await requireUser();
  if (!can(user.role, "practices.write")) notFound();
  return (
    <>
      <PageHeader
        title="New practice"
        description="Name the practice, how to reach each of its sites, and what a minute of downtime costs it."
      />
      <PracticeEditor />
    </>
  );
}
