"use client";

import { LoaderCircle } from "lucide-react";
import { useRouter } from "next/navigation";
import { startTransition, useEffect } from "react";
import { healthSaysReachable } from "@/components/trpc/connection-state";
import { Button } from "@/components/ui/button";
import { DATABASE_UNAVAILABLE_DIGEST } from "@/server/domain/database-unavailable";

const CHECK_EVERY_MS = 2_000;

export default function ErrorPage({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  const router = useRouter();
  const databaseUnavailable = error.digest === DATABASE_UNAVAILABLE_DIGEST;
  const retry = () =>
    startTransition(() => {
      router.refresh();
      reset();
    });

  // The database was unreachable: check /api/health until it answers, then load the page again by itself.
  useEffect(() => {
    if (!databaseUnavailable) return;
    let stopped = false;
    const timer = setInterval(async () => {
      const reachable = await fetch("/api/health", { cache: "no-store" }).then(
        healthSaysReachable,
        () => false,
      );
      if (reachable && !stopped) {
        stopped = true;
        clearInterval(timer);
        startTransition(() => {
          router.refresh();
          reset();
        });
      }
    }, CHECK_EVERY_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [databaseUnavailable, router, reset]);

  if (databaseUnavailable) {
    return (
      <main className="mx-auto max-w-lg px-4 py-16 text-center">
        <h1 className="text-2xl font-semibold">Connection lost — retrying…</h1>
        <p role="status" className="mt-2 inline-flex items-start gap-2 text-slate-600">
          <LoaderCircle aria-hidden className="mt-1 size-4 shrink-0 motion-safe:animate-spin" />
          Standby cannot reach its database right now. This page loads again by itself as soon as it
          is back; nothing you saved is lost.
        </p>
        <div>
          <Button className="mt-6" onClick={retry}>
            Try again now
          </Button>
        </div>
      </main>
    );
  }
  return (
    <main className="mx-auto max-w-lg px-4 py-16 text-center">
      <h1 className="text-2xl font-semibold">Something went wrong</h1>
      <p className="mt-2 text-slate-600">
        Standby could not load this page. Check your connection and try again.
      </p>
      <Button className="mt-6" onClick={retry}>
        Try again
      </Button>
    </main>
  );
}
