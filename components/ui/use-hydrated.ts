"use client";

import { useSyncExternalStore } from "react";

const noSubscription = () => () => {};

/** False in the server-rendered HTML, true once React runs: buttons stay disabled until they work. */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
}
