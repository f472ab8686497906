import type { ReactNode } from "react";
import { SignedInShell } from "@/app/(app)/signed-in-shell";
import { requireUser } from "@/server/session";

/** A person's own account pages: open to everyone signed in, including someone who must enrol in two-factor first. */
export default async function AccountLayout({ children }: { children: ReactNode }) {
  const user = await requireUser();
  return <SignedInShell user={user}>{children}</SignedInShell>;
}
