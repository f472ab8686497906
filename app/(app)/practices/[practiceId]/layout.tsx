import type { ReactNode } from "react";
import { PracticeTabs } from "@/components/practices/practice-tabs";

/** Every page of one practice shares its tab bar; each page keeps its own heading. */
export default async function PracticeLayout({ params, children }: { params: Promise<{ practiceId: string }>; children: ReactNode }) {
  const { practiceId } = await params;
  return (
    <>
      <PracticeTabs practiceId={practiceId} />
      {children}
    </>
  );
}
