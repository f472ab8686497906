import { headers } from "next/headers";
import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { SignedInShell } from "@/app/(app)/signed-in-shell";
import { getCurrentUser, signInAgainUrl } from "@/server/session";

/** A person's own account pages: open to everyone signed in, including someone who must enrol in two-factor first. */
export default async function AccountLayout({ children }: { children: ReactNode }) {
  const user = await getCurrentUser();
  if (!user) redirect(signInAgainUrl(await headers()));
  return <SignedInShell user={user}>{children}</SignedInShell>;
}
