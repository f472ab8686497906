import { redirect } from "next/navigation";
import { getCurrentUser } from "@/server/session";

/** Where each person lands: a practice-scoped person with one practice goes straight to it. */
export default async function Home() {
  const user = await getCurrentUser();
  if (!user) redirect("/sign-in");
  if (user.practiceIds !== "*" && user.practiceIds.length === 1)
    redirect(`/practices/${user.practiceIds[0]}`);
  redirect("/portfolio");
}
