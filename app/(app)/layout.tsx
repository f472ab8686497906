import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { requireUser } from "@/server/session";
import { SignedInShell } from "./signed-in-shell";

export default async function SignedInLayout({ children }: { children: ReactNode }) {
  const user = await requireUser();
  // The MSP requires two-factor for this role and it is not set up: enrolment (in the (account) group,
  // outside this layout) comes before anything else. The tRPC layer refuses every other procedure too.
  if (user.mustEnrolTwoFactor) redirect("/account/security");
  return <SignedInShell user={user}>{children}</SignedInShell>;
}
