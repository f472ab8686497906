import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { can } from "@/server/permissions";
import { requireUser } from "@/server/session";

/** Someone whose role may not open this page gets a real 404: checked here, outside loading.tsx, before the answer streams. */
export default async function PlanTemplateLayout({ children }: { children: ReactNode }) {
  const user = await requireUser();
  if (!can(user.role, "plans.template")) notFound();
  return children;
}
