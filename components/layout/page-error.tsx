"use client";

import { Home, LoaderCircle, RotateCcw } from "lucide-react";
import { useRouter } from "next/navigation";
import { startTransition, useEffect } from "react";
import { healthSaysReachable } from "@/components/trpc/connection-state";
import { Button } from "@/components/ui/button";
import Link from "@/components/ui/link";
import { DATABASE_UNAVAILABLE_DIGEST } from "@/server/domain/database-unavailable";

const CHECK_EVERY_MS = 2_000;

/**
 * What a page that failed to load shows instead of the browser's error page: what happened, Try
 * again (loads the page again from the server) and a way home. Inside the signed-in frame it is a
 * plain block (the frame holds the one `main`); on its own it is the page's `main`.
 */
export function PageError({
  error,
  reset,
  inFrame,
}: {
  error: Error & { digest?: string };
  reset: () => void;
  inFrame: boolean;
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

  const Wrapper = inFrame ? "div" : "main";
  if (databaseUnavailable) {
    return (
      <Wrapper className="mx-auto max-w-lg px-4 py-16 text-center">
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
      </Wrapper>
    );
  }
  return (
    <Wrapper className="mx-auto max-w-lg px-4 py-16 text-center">
      <h1 className="text-2xl font-semibold">Something went wrong</h1>
      <p className="mt-2 text-slate-600">
        Standby could not load this page. Check your connection and try again.
        {error.digest && (
          <span className="mt-1 block text-xs text-slate-500">Reference: {error.digest}</span>
        )}
      </p>
      <div className="mt-6 flex flex-wrap items-center justify-center gap-3">
        <Button onClick={retry}>
          <RotateCcw aria-hidden className="size-4" />
          Try again
        </Button>
        {inFrame && (
          <Link
            href="/portfolio"
            className="inline-flex items-center gap-1.5 text-brand-700 underline"
          >
            <Home aria-hidden className="size-4" />
            Back to your practices
          </Link>
        )}
      </div>
    </Wrapper>
  );
}
