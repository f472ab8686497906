import type { Metadata } from "next";
import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { requireUser } from "@/server/session";
import "./print.css";

export const metadata: Metadata = { robots: { index: false, follow: false } };

/**
 * Printable documents: no app shell, no navigation, nothing that needs client JavaScript to be
 * read or printed. Signed-in people only; each page still reaches its data through procedures,
 * which check access again.
 */
export default async function PrintLayout({ children }: { children: ReactNode }) {
  // Visitors without a session cookie never get here: proxy.ts sends them to sign-in with the
  // address they asked for. This catches a cookie whose session has ended (revoked, idle, expired).
  const user = await requireUser();
  if (user.mustEnrolTwoFactor) redirect("/account/security");
  return <div className="print-screen">{children}</div>;
}
