import type { Metadata } from "next";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { getCurrentUser } from "@/server/session";
import "./print.css";

export const metadata: Metadata = { robots: { index: false, follow: false } };

/**
 * The address to come back to after signing in. A layout is not told its path, so this reads the
 * `x-pathname` request header (to be set by proxy.ts); only a /print address is accepted, so a
 * header sent by the client itself can lead nowhere else.
 */
function callbackQuery(requestHeaders: Headers): string {
  const path = requestHeaders.get("x-pathname") ?? "";
  return /^\/print\/[A-Za-z0-9\-._~/]*$/.test(path) && !path.includes("//") ? `&callbackUrl=${encodeURIComponent(path)}` : "";
}

/**
 * Printable documents: no app shell, no navigation, nothing that needs client JavaScript to be
 * read or printed. Signed-in people only; each page still reaches its data through procedures,
 * which check access again.
 */
export default async function PrintLayout({ children }: { children: ReactNode }) {
  // Visitors without a session cookie never get here: proxy.ts sends them to sign-in with the
  // address they asked for. This catches a cookie whose session has ended (revoked, idle, expired).
  if (!(await getCurrentUser())) redirect(`/sign-in?reason=expired${callbackQuery(await headers())}`);
  return <div className="print-screen">{children}</div>;
}
