import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { can } from "@/server/permissions";
import { getCurrentUser } from "@/server/session";

/** Someone who may not declare gets a real 404: checked here, outside this segment's loading.tsx, before the answer streams. */
export default async function DeclareLayout({ children }: { children: ReactNode }) {
  const user = (await getCurrentUser())!;
  if (!can(user.role, "incidents.write")) notFound();
  return children;
}
