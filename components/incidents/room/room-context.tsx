"use client";

import { useQueryClient } from "@tanstack/react-query";
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
  type ReactNode,
} from "react";
import { useTRPC } from "@/components/trpc/client";
import type { RoomAccess, RoomRef } from "./types";

/**
 * What every part of the incident room shares: which incident, the practice's time zone, what the
 * person may do, one clock ticking every second (the server's time, kept by the offset between its
 * `now` and when the answer arrived), and one debounced refresh after changes (a burst of live
 * entries costs one refetch).
 */
/** The live stream's state, as people read it: first connecting, live, reconnecting after a drop, or stopped. */
export type Connection = "connecting" | "live" | "reconnecting" | "stopped";

type Room = RoomRef & {
  timeZone: string;
  access: RoomAccess;
  clockOffsetMs: number;
  serverNow: Date;
  refreshSoon: (what?: { log?: boolean }) => void;
  connection: Connection;
  reportConnection: (state: "connecting" | "live" | "stopped") => void;
};

const RoomContext = createContext<Room | null>(null);

export function useRoom(): Room {
  const room = useContext(RoomContext);
  if (!room) throw new Error("useRoom outside the incident room");
  return room;
}

// One timer for every ticking part of the page, running only while something shows the time.
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | null = null;
function subscribeToClock(listener: () => void) {
  listeners.add(listener);
  timer ??= setInterval(() => listeners.forEach((notify) => notify()), 1000);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer) {
      clearInterval(timer);
      timer = null;
    }
  };
}
const clientSecond = () => Math.floor(Date.now() / 1000) * 1000;
const notYetHydrated = () => null;

/** The server's time now, ticking each second. Before hydration it is the server's `now`, so the HTML matches. */
export function useRoomNow(): Date {
  const { clockOffsetMs, serverNow } = useRoom();
  const client = useSyncExternalStore(subscribeToClock, clientSecond, notYetHydrated);
  return client === null ? serverNow : new Date(client + clockOffsetMs);
}

export function RoomProvider({
  value,
  children,
}: {
  value: Omit<Room, "refreshSoon" | "connection" | "reportConnection">;
  children: ReactNode;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { practiceId, incidentId } = value;
  const pending = useRef<{ timer: ReturnType<typeof setTimeout> | null; log: boolean }>({
    timer: null,
    log: false,
  });

  const refreshSoon = useCallback(
    (what: { log?: boolean } = {}) => {
      const state = pending.current;
      state.log ||= Boolean(what.log);
      if (state.timer) clearTimeout(state.timer);
      state.timer = setTimeout(() => {
        const refreshLog = state.log;
        state.timer = null;
        state.log = false;
        void queryClient.invalidateQueries({
          queryKey: trpc.incidents.get.queryKey({ practiceId, incidentId }),
        });
        // Every read of the log is audited: it is read again only when it may have changed.
        if (refreshLog) {
          void queryClient.invalidateQueries({
            queryKey: trpc.downtimeLog.list.queryKey({ practiceId, incidentId }),
          });
          void queryClient.invalidateQueries({
            queryKey: trpc.downtimeLog.emergencyList.queryKey({ practiceId, incidentId }),
          });
        }
      }, 250);
    },
    [queryClient, trpc, practiceId, incidentId],
  );

  useEffect(() => {
    const state = pending.current;
    return () => {
      if (state.timer) clearTimeout(state.timer);
    };
  }, []);

  const [connection, setConnection] = useState<Connection>("connecting");
  const reportConnection = useCallback((state: "connecting" | "live" | "stopped") => {
    setConnection((previous) =>
      state === "connecting" ? (previous === "connecting" ? "connecting" : "reconnecting") : state,
    );
  }, []);

  const room = useMemo(
    () => ({ ...value, refreshSoon, connection, reportConnection }),
    [value, refreshSoon, connection, reportConnection],
  );
  return <RoomContext.Provider value={room}>{children}</RoomContext.Provider>;
}
