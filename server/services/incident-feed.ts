import "server-only";
import { sql } from "drizzle-orm";
import { listenTo } from "@/db/client";
import type { Transaction } from "@/db/client";
import { MAX_LIVE_STREAMS_PER_USER, StreamSlots } from "@/server/domain/request-limits";

/**
 * Live timeline fan-out. A new timeline entry sends a NOTIFY in the transaction that writes it
 * (delivered on commit); every app process LISTENs once and wakes the viewers of that incident,
 * who then read the new entries through their own tenant-scoped query. The notice carries only ids.
 */
export const INCIDENT_CHANNEL = "standby_incident_events";

export async function notifyIncidentEvent(tx: Transaction, incidentId: string, seq: number) {
  await tx.execute(sql`select pg_notify(${INCIDENT_CHANNEL}, ${`${incidentId}:${seq}`})`);
}

type Wake = () => void;
type Listen = (
  channel: string,
  onNotify: (payload: string) => void,
  onListen: () => void,
) => Promise<unknown>;

export class IncidentFeed {
  private viewers = new Map<string, Set<Wake>>();
  private listening: Promise<unknown> | null = null;

  constructor(private readonly listen: Listen) {}

  private start() {
    this.listening ??= this.listen(
      INCIDENT_CHANNEL,
      (payload) => {
        const incidentId = payload.split(":")[0]!;
        for (const wake of this.viewers.get(incidentId) ?? []) wake();
      },
      // After a reconnect notices may have been lost: every viewer reads again.
      () => {
        for (const wakes of this.viewers.values()) for (const wake of wakes) wake();
      },
    );
    return this.listening;
  }

  /**
   * Yields once at once, then whenever the incident may have new entries. Wake-ups that arrive
   * while the viewer is busy are folded into one, so a burst of 200 updates costs a few reads.
   */
  async *changes(incidentId: string, signal?: AbortSignal): AsyncGenerator<void> {
    let pending = true;
    let resolveWait: (() => void) | null = null;
    const wake = () => {
      pending = true;
      resolveWait?.();
    };
    const onAbort = () => resolveWait?.();
    const set = this.viewers.get(incidentId) ?? new Set<Wake>();
    set.add(wake);
    this.viewers.set(incidentId, set);
    signal?.addEventListener("abort", onAbort);
    try {
      // If the first LISTEN fails (the database is down), the driver keeps trying and onListen wakes
      // every viewer once it succeeds; meanwhile the viewer reads (and retries) on its own.
      await this.start().catch(() => {});
      while (!signal?.aborted) {
        if (pending) {
          pending = false;
          yield;
          continue;
        }
        await new Promise<void>((resolve) => (resolveWait = resolve));
        resolveWait = null;
      }
    } finally {
      signal?.removeEventListener("abort", onAbort);
      set.delete(wake);
      if (set.size === 0) this.viewers.delete(incidentId);
    }
  }

  viewerCount(incidentId: string): number {
    return this.viewers.get(incidentId)?.size ?? 0;
  }
}

const cache = globalThis as unknown as {
  standbyIncidentFeed?: IncidentFeed;
  standbyLiveStreams?: StreamSlots;
};

/** This process's feed, listening through the app's database pool. */
export function incidentFeed(): IncidentFeed {
  cache.standbyIncidentFeed ??= new IncidentFeed(listenTo);
  return cache.standbyIncidentFeed;
}

/**
 * Live streams open on this app server, per user: at most MAX_LIVE_STREAMS_PER_USER each. Counted
 * per server (a stream is bound to the server holding its connection), so behind N servers a person
 * could hold N times as many; the per-user request rate bounds how fast they can be opened anywhere.
 */
export function liveStreamSlots(): StreamSlots {
  cache.standbyLiveStreams ??= new StreamSlots(MAX_LIVE_STREAMS_PER_USER);
  return cache.standbyLiveStreams;
}
