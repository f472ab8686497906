"use client";

import { useQueryClient } from "@tanstack/react-query";
import { LoaderCircle } from "lucide-react";
import { useEffect, useSyncExternalStore } from "react";
import {
  healthSaysReachable,
  isConnectionLost,
  reportConnectionBack,
  reportConnectionLost,
  subscribeToConnection,
} from "@/components/trpc/connection-state";

/** How often the browser asks /api/health: now and then while all is well, often while the connection is lost. */
const CHECK_EVERY_MS = 10_000;
const CHECK_WHILE_LOST_MS = 2_000;

/** One look at /api/health: true when the app and its database answer. */
async function appIsReachable(): Promise<boolean> {
  try {
    const response = await fetch("/api/health", {
      cache: "no-store",
      signal: AbortSignal.timeout(5_000),
    });
    return await healthSaysReachable(response);
  } catch {
    return false;
  }
}

/**
 * "Connection lost — retrying…" while the app or its database cannot be reached: raised by a failed
 * call (components/trpc/client.tsx) or by the health check this banner runs while the page is
 * visible, and gone by itself once /api/health answers again — then the reads that failed meanwhile
 * are asked again. The live region is always in the page so screen readers announce the change. At
 * the bottom of the screen, so the red banner of an open outage stays visible above it.
 */
export function ConnectionBanner() {
  const queryClient = useQueryClient();
  const lost = useSyncExternalStore(subscribeToConnection, isConnectionLost, () => false);

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const check = async () => {
      if (timer) clearTimeout(timer);
      timer = null;
      if (document.visibilityState === "visible" || isConnectionLost()) {
        const reachable = await appIsReachable();
        if (stopped) return;
        if (!reachable) reportConnectionLost();
        else if (isConnectionLost()) {
          reportConnectionBack();
          // What failed while the connection was lost is read again now, not at its next retry.
          void queryClient.refetchQueries({ predicate: (query) => query.state.status === "error" });
        }
      }
      if (!stopped)
        timer = setTimeout(
          () => void check(),
          isConnectionLost() ? CHECK_WHILE_LOST_MS : CHECK_EVERY_MS,
        );
    };
    const checkNow = () => void check();
    // A call that failed raises the banner: start checking often at once.
    const unsubscribe = subscribeToConnection(() => {
      if (isConnectionLost() && timer) {
        clearTimeout(timer);
        timer = setTimeout(checkNow, CHECK_WHILE_LOST_MS);
      }
    });
    const offline = () => reportConnectionLost();
    window.addEventListener("online", checkNow);
    window.addEventListener("offline", offline);
    document.addEventListener("visibilitychange", checkNow);
    timer = setTimeout(checkNow, CHECK_EVERY_MS);
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      unsubscribe();
      window.removeEventListener("online", checkNow);
      window.removeEventListener("offline", offline);
      document.removeEventListener("visibilitychange", checkNow);
    };
  }, [queryClient]);

  return (
    <div
      role="status"
      aria-live="polite"
      className="pointer-events-none fixed inset-x-0 bottom-[calc(0.75rem+var(--phone-action-bar,0px))] z-50 flex justify-center px-3"
    >
      {lost && (
        <p className="pointer-events-auto flex max-w-xl items-start gap-2 rounded-md border border-amber-400 bg-amber-50 px-4 py-2 text-sm text-amber-950 shadow-lg">
          <LoaderCircle aria-hidden className="mt-0.5 size-4 shrink-0 motion-safe:animate-spin" />
          <span>
            <strong className="font-semibold">Connection lost — retrying…</strong>{" "}
            <span className="text-amber-900">
              Standby cannot reach its server or database right now. Nothing you saved is lost; what
              you try now may fail — try it again once this message goes away.
            </span>
          </span>
        </p>
      )}
    </div>
  );
}
