"use client";

import { useQueryClient } from "@tanstack/react-query";
import { CloudOff, FileText, MessageSquare, Send, Trash2 } from "lucide-react";
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from "react";
import { toast } from "sonner";
import {
  addToOutbox,
  listOutbox,
  outboxOwner,
  outboxSupported,
  discardFromOutbox,
  sendOutbox,
  subscribeToOutbox,
  type OutboxItem,
  type OutboxLogEntry,
  type OutboxUpdate,
  type SendResult,
} from "@/components/offline/outbox";
import { callProblem } from "@/components/trpc/call-problem";
import { useTRPC, useTRPCClient } from "@/components/trpc/client";
import {
  isConnectionLost,
  isConnectionProblem,
  reportConnectionLost,
  subscribeToConnection,
} from "@/components/trpc/connection-state";
import { Button } from "@/components/ui/button";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { formatClock, formatShortMoment } from "@/components/ui/format";
import { useRoom } from "./room-context";

type NewItem =
  | { kind: "update"; key: string; input: OutboxUpdate }
  | { kind: "log"; key: string; input: OutboxLogEntry };

type Outbox = {
  items: OutboxItem[];
  sending: boolean;
  /** Why the last pass stopped: Standby unreachable, or the session ended. */
  stopped: "unreachable" | "signed-out" | null;
  /** Whether something new should wait in the queue (behind what waits already, or with no network at all). */
  shouldQueue: () => boolean;
  /** Keeps an entry on this device; false when this browser cannot keep it. */
  enqueue: (item: NewItem) => Promise<boolean>;
  discard: (item: OutboxItem) => Promise<void>;
  /** Sends what waits; `retryRefused` (the person's "Send now") also tries entries Standby refused. */
  sendNow: (retryRefused?: boolean) => Promise<void>;
};

const OutboxContext = createContext<Outbox | null>(null);

export function useOutbox(): Outbox | null {
  return useContext(OutboxContext);
}

/**
 * The room's queue of what was written while Standby could not be reached (components/offline/
 * outbox.ts keeps it in IndexedDB). It is sent, in order and each with its own key, when the page
 * loads, when the browser is back online, when the connection banner sees Standby answer again,
 * and on "Send now".
 */
export function OutboxProvider({ userId, children }: { userId: string; children: ReactNode }) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const { practiceId, incidentId, clockOffsetMs, refreshSoon, connection } = useRoom();
  const owner = outboxOwner(userId, incidentId);
  const [items, setItems] = useState<OutboxItem[]>([]);
  const [sending, setSending] = useState(false);
  const [stopped, setStopped] = useState<Outbox["stopped"]>(null);
  const itemsRef = useRef(items);
  const live = useRef(connection === "live");
  useEffect(() => {
    live.current = connection === "live";
  }, [connection]);

  const reload = useCallback(async () => {
    if (!outboxSupported()) return;
    try {
      const list = await listOutbox(owner);
      itemsRef.current = list;
      setItems(list);
    } catch {
      // IndexedDB unavailable (a private window in some browsers): nothing is kept, nothing shown.
    }
  }, [owner]);

  const send = useCallback(
    async (item: OutboxItem): Promise<SendResult> => {
      const common = {
        practiceId: item.practiceId,
        incidentId: item.incidentId,
        idempotencyKey: item.key,
        writtenAt: new Date(item.writtenAt),
      };
      try {
        // The client directly, not a mutation: an ended session must not send the page to sign-in
        // (that clears this device) before the person has seen what could not be sent.
        if (item.kind === "update")
          await client.incidents.postUpdate.mutate({ ...common, ...item.input });
        else await client.downtimeLog.add.mutate({ ...common, ...item.input });
        return "sent";
      } catch (error) {
        if (isConnectionProblem(error)) {
          reportConnectionLost();
          return "unreachable";
        }
        const problem = callProblem(error, "Standby refused it.");
        if (problem.code === "UNAUTHORIZED") return "signed-out";
        // A fault or a burst limit is not a refusal of this entry: stop and keep the order.
        if (problem.code === "INTERNAL_SERVER_ERROR" || problem.code === "TOO_MANY_REQUESTS")
          return "unreachable";
        return { refused: problem.message };
      }
    },
    [client],
  );

  const sendNow = useCallback(
    async (retryRefused = false) => {
      if (!outboxSupported()) return;
      setSending(true);
      try {
        const outcome = await sendOutbox(owner, send, retryRefused);
        setStopped(outcome.stopped);
        if (outcome.sent.length > 0) {
          const n = outcome.sent.length;
          toast.success(`Sent ${n} ${n === 1 ? "entry" : "entries"} written while offline`);
          refreshSoon({ log: outcome.sent.some((item) => item.kind === "log") });
          // A stopped stream would not bring them: read the timeline again.
          if (!live.current)
            void queryClient.invalidateQueries({
              queryKey: trpc.incidents.timeline.queryKey({ practiceId, incidentId }),
            });
        }
      } catch {
        // IndexedDB failed mid-way: what is left stays for the next try.
      } finally {
        setSending(false);
        await reload();
      }
    },
    [owner, send, refreshSoon, queryClient, trpc, practiceId, incidentId, reload],
  );

  useEffect(() => {
    if (!outboxSupported()) return;
    let active = true;
    const load = () =>
      void listOutbox(owner)
        .then((list) => {
          if (!active) return;
          itemsRef.current = list;
          setItems(list);
        })
        .catch(() => {});
    load();
    const unsubscribe = subscribeToOutbox(load);
    return () => {
      active = false;
      unsubscribe();
    };
  }, [owner]);

  // On page load, back online, and when the connection banner sees Standby answer again.
  useEffect(() => {
    const trySending = () => {
      if (itemsRef.current.length > 0) void sendNow();
    };
    void listOutbox(owner)
      .then((list) => {
        if (list.length > 0) void sendNow();
      })
      .catch(() => {});
    window.addEventListener("online", trySending);
    let wasLost = isConnectionLost();
    const unsubscribe = subscribeToConnection(() => {
      const lost = isConnectionLost();
      if (wasLost && !lost) trySending();
      wasLost = lost;
    });
    return () => {
      window.removeEventListener("online", trySending);
      unsubscribe();
    };
  }, [owner, sendNow]);

  const value = useMemo<Outbox>(
    () => ({
      items,
      sending,
      stopped,
      shouldQueue: () =>
        outboxSupported() &&
        (itemsRef.current.some((item) => !item.refused) || navigator.onLine === false),
      enqueue: async (item) => {
        if (!outboxSupported()) return false;
        try {
          await addToOutbox({
            ...item,
            owner,
            practiceId,
            incidentId,
            // On the server's clock as this page knows it, so a device clock that is off does not matter.
            writtenAt: new Date(Date.now() + clockOffsetMs).toISOString(),
            refused: null,
          } as OutboxItem);
        } catch {
          return false;
        }
        await reload();
        // Behind anything already being sent; fails fast while Standby is down.
        if (navigator.onLine !== false) void sendNow();
        return true;
      },
      discard: async (item) => {
        try {
          await discardFromOutbox(owner, item.id!);
        } catch {
          toast.error("Could not discard it. Try again.");
        }
        await reload();
      },
      sendNow,
    }),
    [items, sending, stopped, owner, practiceId, incidentId, clockOffsetMs, reload, sendNow],
  );
  return <OutboxContext.Provider value={value}>{children}</OutboxContext.Provider>;
}

/** "Waiting to send (2)": what this device keeps for the room, each with a way to discard it. */
export function OutboxList({ only }: { only?: OutboxItem["kind"] }) {
  const outbox = useOutbox();
  const { timeZone } = useRoom();
  if (!outbox) return null;
  const items = only ? outbox.items.filter((item) => item.kind === only) : outbox.items;
  if (items.length === 0) return null;
  const waiting = items.filter((item) => !item.refused).length;
  return (
    <section
      aria-label="Waiting to send"
      className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950"
    >
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h3 className="flex items-center gap-1.5 font-semibold">
          <CloudOff aria-hidden className="size-4" /> Waiting to send ({items.length})
        </h3>
        <Button
          variant="secondary"
          className="min-h-8 px-2.5 py-1 text-xs"
          disabled={outbox.sending}
          onClick={() => void outbox.sendNow(true)}
        >
          <Send aria-hidden className="size-3.5" /> {outbox.sending ? "Sending…" : "Send now"}
        </Button>
      </div>
      <p role="status" className="mt-1 text-xs">
        {outbox.stopped === "signed-out"
          ? "Your session has ended, so these cannot be sent. Copy what you need: signing in again clears this device."
          : waiting > 0
            ? "Kept on this device only. Sent by itself, in this order, when Standby can be reached; each once."
            : "Standby refused these: discard them, or correct the problem and send again."}
      </p>
      <ol className="mt-2 space-y-2">
        {items.map((item) => (
          <li
            key={item.id}
            aria-label={
              item.kind === "update" ? "Update waiting to send" : "Paper record waiting to send"
            }
            className="flex flex-wrap items-start gap-2 rounded border border-amber-200 bg-white p-2"
          >
            {item.kind === "update" ? (
              <MessageSquare aria-hidden className="mt-0.5 size-4 shrink-0" />
            ) : (
              <FileText aria-hidden className="mt-0.5 size-4 shrink-0" />
            )}
            <div className="min-w-0 flex-1">
              <p className="text-xs text-slate-600">
                {item.kind === "update" ? "Update" : "Paper record"} · written{" "}
                <time
                  dateTime={item.writtenAt}
                  title={formatShortMoment(new Date(item.writtenAt), timeZone)}
                >
                  {formatClock(new Date(item.writtenAt), timeZone)}
                </time>{" "}
                · waiting to send
              </p>
              <p className="break-words whitespace-pre-line text-slate-900">
                {item.kind === "update"
                  ? item.input.body
                  : `${item.input.patient} · ${item.input.provider}`}
              </p>
              {item.refused && (
                <p role="alert" className="mt-1 text-xs font-medium text-red-800">
                  Not sent: {item.refused}
                </p>
              )}
            </div>
            <ConfirmButton
              label={
                <>
                  <Trash2 aria-hidden className="size-3.5" /> Discard
                </>
              }
              title="Discard this entry?"
              confirmLabel="Discard"
              onConfirm={() => void outbox.discard(item)}
            >
              It was never sent: it is deleted from this device and nobody will see it.
            </ConfirmButton>
          </li>
        ))}
      </ol>
    </section>
  );
}
