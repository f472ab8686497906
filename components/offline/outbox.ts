/**
 * The incident room's outbox: updates and paper records written while Standby could not be
 * reached, kept in this browser's IndexedDB until they are sent. One queue per person and incident
 * ("owner"), in the order written (an auto-increment key). Each item keeps the idempotency key it
 * was first tried with, so sending it again can never write it twice. Everything here is deleted
 * with the rest of the device's copies (forgetDevice in device-copies.ts, the sign-out answer's
 * Clear-Site-Data). Plain IndexedDB: four small operations need no library.
 */

export const OUTBOX_DATABASE = "standby-outbox";
const STORE = "items";
const CHANNEL = "standby-outbox";

export type OutboxUpdate = { body: string; shareWithLinked: boolean };
export type OutboxLogEntry = {
  patient: string;
  visitDate: string;
  provider: string;
  reason: string;
  orders: string;
  followUp: string;
};

type Common = {
  /** Set by IndexedDB: the order items were written in. */
  id?: number;
  /** Whose queue: `${userId}:${incidentId}`. */
  owner: string;
  practiceId: string;
  incidentId: string;
  /** The idempotency key of the action, the same on every try. */
  key: string;
  /** When it was written (ISO), on the server's clock as this page knows it. */
  writtenAt: string;
  /** Why Standby refused it when it was sent; it stays until discarded or sent again. */
  refused?: string | null;
};

export type OutboxItem =
  | (Common & { kind: "update"; input: OutboxUpdate })
  | (Common & { kind: "log"; input: OutboxLogEntry });

export const outboxOwner = (userId: string, incidentId: string) => `${userId}:${incidentId}`;

export function outboxSupported(): boolean {
  return typeof window !== "undefined" && "indexedDB" in window;
}

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(OUTBOX_DATABASE, 1);
    request.onupgradeneeded = () => {
      const store = request.result.createObjectStore(STORE, { keyPath: "id", autoIncrement: true });
      store.createIndex("owner", "owner");
    };
    request.onsuccess = () => {
      const database = request.result;
      // "Forget this device" in another tab deletes the database: let it.
      database.onversionchange = () => database.close();
      resolve(database);
    };
    request.onerror = () => reject(request.error ?? new Error("IndexedDB could not be opened."));
    request.onblocked = () => reject(new Error("IndexedDB is busy in another tab."));
  });
}

/** One transaction on the store; the database is closed after it, so nothing holds it open. */
async function withStore<T>(
  mode: IDBTransactionMode,
  work: (store: IDBObjectStore) => IDBRequest<T>,
): Promise<T> {
  const database = await open();
  try {
    return await new Promise<T>((resolve, reject) => {
      const transaction = database.transaction(STORE, mode);
      const request = work(transaction.objectStore(STORE));
      transaction.oncomplete = () => resolve(request.result);
      transaction.onerror = transaction.onabort = () =>
        reject(transaction.error ?? new Error("IndexedDB transaction failed."));
    });
  } finally {
    database.close();
  }
}

const listeners = new Set<() => void>();
let channel: BroadcastChannel | null = null;

function changed() {
  for (const listener of listeners) listener();
  channel?.postMessage("changed");
}

/** Called whenever the outbox changes, in this tab or another. */
export function subscribeToOutbox(listener: () => void): () => void {
  listeners.add(listener);
  if (!channel && typeof BroadcastChannel !== "undefined") {
    channel = new BroadcastChannel(CHANNEL);
    channel.onmessage = () => listeners.forEach((notify) => notify());
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) {
      channel?.close();
      channel = null;
    }
  };
}

/** A person's queue for one incident, oldest first. */
export async function listOutbox(owner: string): Promise<OutboxItem[]> {
  if (!outboxSupported()) return [];
  const items = await withStore("readonly", (store) =>
    store.index("owner").getAll(IDBKeyRange.only(owner)),
  );
  return (items as OutboxItem[]).sort((a, b) => (a.id ?? 0) - (b.id ?? 0));
}

export async function addToOutbox(item: Omit<OutboxItem, "id">): Promise<void> {
  await withStore("readwrite", (store) => store.add(item));
  changed();
}

export async function removeFromOutbox(id: number): Promise<void> {
  await withStore("readwrite", (store) => store.delete(id));
  changed();
}

/** Keeps Standby's refusal on an item, unless it was discarded meanwhile. */
export async function markRefused(item: OutboxItem, refused: string | null): Promise<void> {
  await withStore("readwrite", (store) => {
    const existing = store.get(item.id!);
    existing.onsuccess = () => {
      if (existing.result) store.put({ ...item, refused });
    };
    return existing;
  });
  changed();
}

/** The outcome of one pass through a queue. */
export type SendOutcome = {
  sent: OutboxItem[];
  refused: number;
  /** Why the pass stopped early, if it did: Standby unreachable, or the session ended. */
  stopped: "unreachable" | "signed-out" | null;
};

export type SendResult = "sent" | "unreachable" | "signed-out" | { refused: string };

let running: Promise<unknown> = Promise.resolve();

/**
 * Sends a queue in order, one item at a time (those Standby refused before only when `retryRefused`,
 * the person's own "Send now"). A sent item is removed; a refused one keeps its reason
 * and the pass goes on; an unreachable Standby or an ended session stops the pass with everything
 * left in place. One pass at a time across this browser's tabs (Web Locks), so an item is not sent
 * by two tabs at once (and if it were, its key would still make it one entry).
 */
export function sendOutbox(
  owner: string,
  send: (item: OutboxItem) => Promise<SendResult>,
  retryRefused = false,
): Promise<SendOutcome> {
  const pass = async (): Promise<SendOutcome> => {
    const outcome: SendOutcome = { sent: [], refused: 0, stopped: null };
    for (const item of await listOutbox(owner)) {
      // Refused once, it would be refused again: only the person's "Send now" tries it again.
      if (item.refused && !retryRefused) continue;
      const result = await send(item);
      if (result === "sent") {
        await removeFromOutbox(item.id!);
        outcome.sent.push(item);
      } else if (result === "unreachable" || result === "signed-out") {
        outcome.stopped = result;
        break;
      } else {
        outcome.refused += 1;
        await markRefused(item, result.refused);
      }
    }
    return outcome;
  };
  return underOwnerLock(owner, pass);
}

/**
 * Discards an item, after any pass in progress (so an item is never sent after it was discarded,
 * nor brought back by that pass).
 */
export function discardFromOutbox(owner: string, id: number): Promise<void> {
  return underOwnerLock(owner, () => removeFromOutbox(id));
}

/** Runs `work` alone for this queue: after this tab's earlier work, and under a lock across tabs. */
function underOwnerLock<T>(owner: string, work: () => Promise<T>): Promise<T> {
  const locks = typeof navigator !== "undefined" ? navigator.locks : undefined;
  const next = running.then((): Promise<T> =>
    // The lock's promise settles with what `work` settles with (its type says Promise<Promise<T>>).
    locks ? (locks.request(`${CHANNEL}:${owner}`, work) as Promise<T>) : work(),
  );
  running = next.catch(() => {});
  return next;
}
