"use client";

import { useSyncExternalStore } from "react";
import { formatMoment } from "./format";

const noSubscription = () => () => {};
const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

/** The viewer's time zone: the browser's once React runs, UTC in the server-rendered HTML. */
export function useViewerTimeZone(): string {
  return useSyncExternalStore(noSubscription, browserZone, () => "UTC");
}

/**
 * A moment that belongs to no practice, on the viewer's own clock and labelled with the zone
 * ("Nov 20, 2026, 14:05 EST"). The server's HTML says UTC (labelled so) until the page runs.
 */
export function ViewerTime({ moment }: { moment: Date | string }) {
  const timeZone = useViewerTimeZone();
  const at = typeof moment === "string" ? new Date(moment) : moment;
  return <time dateTime={at.toISOString()}>{formatMoment(at, timeZone)}</time>;
}
