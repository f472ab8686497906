/**
 * The browser side of "Keep on this device": registers the service worker, saves a practice's
 * packet (page and PDF) into the one Cache Storage cache, reads back what is kept, and forgets
 * everything. Rules (what may be kept, how it is shown) live in public/offline-rules.js.
 */
import {
  CACHE_NAME,
  INDEX_PATH,
  emptyIndex,
  mayKeep,
  offlinePaths,
  parseIndex,
  prepareSavedHtml,
  scheduleExpiry,
  schedulePages,
  stylesheetsOf,
  withCopy,
  withoutCopy,
  type KeptCopy,
  type OfflineIndex,
} from "@/public/offline-rules.js";
import { OUTBOX_DATABASE } from "./outbox";

export function offlineSupported(): boolean {
  return typeof window !== "undefined" && "caches" in window && "serviceWorker" in navigator;
}

/** Registers /sw.js (a module worker) for the whole site; resolves once it is active. */
export async function registerWorker(): Promise<void> {
  if (!offlineSupported()) return;
  await navigator.serviceWorker.register("/sw.js", { type: "module", scope: "/" });
  await navigator.serviceWorker.ready;
}

export async function readIndex(): Promise<OfflineIndex> {
  if (!offlineSupported()) return emptyIndex();
  const cache = await caches.open(CACHE_NAME);
  const stored = await cache.match(INDEX_PATH);
  return parseIndex(stored ? await stored.text() : "");
}

async function writeIndex(index: OfflineIndex) {
  const cache = await caches.open(CACHE_NAME);
  await cache.put(
    INDEX_PATH,
    new Response(JSON.stringify(index), { headers: { "content-type": "application/json" } }),
  );
}

/** Records that a newer version is published than the one kept (when replacing it failed). */
export async function noteNewestVersion(copy: KeptCopy, version: number) {
  if ((copy.newestKnownVersion ?? 0) >= version) return;
  await writeIndex(withCopy(await readIndex(), { ...copy, newestKnownVersion: version }));
}

export class SaveError extends Error {}

async function fetchKept(path: string, kind: "packet" | "pdf" | "schedule") {
  const response = await fetch(path, { credentials: "same-origin", cache: "no-store" });
  if (!mayKeep(response, kind)) {
    throw new SaveError(
      response.redirected
        ? "Your session has ended: sign in again to save the copy."
        : `Standby answered ${response.status}: nothing was saved.`,
    );
  }
  return response;
}

/** A kept page: fetched as the signed-in member sees it, scripts removed, styles inlined. */
async function keptPage(path: string, kind: "packet" | "schedule") {
  const html = await (await fetchKept(path, kind)).text();
  const styles: Record<string, string> = {};
  for (const href of stylesheetsOf(html)) {
    const css = await fetch(href);
    if (css.ok) styles[href] = await css.text();
  }
  return new Response(prepareSavedHtml(html, styles), {
    headers: { "content-type": "text/html; charset=utf-8" },
  });
}

/**
 * Saves the packet page and its PDF for a practice and version: both are fetched first and only
 * then stored, so a failure leaves the previous copy as it was.
 */
export async function savePacket(input: {
  practiceId: string;
  practiceName: string;
  version: number;
  now?: Date;
}): Promise<KeptCopy> {
  await registerWorker();
  const paths = offlinePaths(input.practiceId);
  const page = await keptPage(paths.packet, "packet");
  const pdf = await fetchKept(paths.pdf, "pdf");
  const pdfBody = await pdf.blob();
  const cache = await caches.open(CACHE_NAME);
  await cache.put(paths.packet, page);
  await cache.put(
    paths.pdf,
    new Response(pdfBody, {
      headers: {
        "content-type": "application/pdf",
        "content-disposition": pdf.headers.get("content-disposition") ?? "inline",
      },
    }),
  );
  const copy: KeptCopy = {
    practiceId: input.practiceId,
    practiceName: input.practiceName,
    kind: "packet",
    version: input.version,
    savedAt: (input.now ?? new Date()).toISOString(),
    expiresAt: null,
  };
  await writeIndex(withCopy(await readIndex(), copy));
  return copy;
}

/**
 * Saves today's and tomorrow's continuity schedule print beside the packet, for 48 hours. Opening
 * the print page is what audits the read (schedule.print), as for a print.
 */
export async function saveSchedule(input: {
  practiceId: string;
  practiceName: string;
  tomorrow: string;
  now?: Date;
}): Promise<KeptCopy> {
  const pages = schedulePages(input.practiceId, input.tomorrow);
  const kept: Response[] = [];
  for (const page of pages) kept.push(await keptPage(page.path, "schedule"));
  const cache = await caches.open(CACHE_NAME);
  for (const [n, page] of pages.entries()) await cache.put(page.path, kept[n]!);
  const savedAt = (input.now ?? new Date()).toISOString();
  const copy: KeptCopy = {
    practiceId: input.practiceId,
    practiceName: input.practiceName,
    kind: "schedule",
    version: 0,
    savedAt,
    expiresAt: scheduleExpiry(savedAt),
    pages,
  };
  await writeIndex(withCopy(await readIndex(), copy));
  return copy;
}

/** Deletes a practice's kept schedule (past its 48 hours). */
export async function removeSchedule(copy: KeptCopy): Promise<void> {
  const cache = await caches.open(CACHE_NAME);
  for (const page of copy.pages ?? []) await cache.delete(page.path);
  await writeIndex(withoutCopy(await readIndex(), copy.practiceId, "schedule"));
}

/** Deletes everything Standby kept on this device: Cache Storage, IndexedDB (the incident room's unsent outbox too), the worker. */
export async function forgetDevice(): Promise<void> {
  if (typeof window === "undefined") return;
  if ("caches" in window) {
    for (const name of await caches.keys()) await caches.delete(name);
  }
  if ("indexedDB" in window) {
    // The incident room's outbox by name (a browser without databases() still loses it), then every other.
    const names = new Set<string>([OUTBOX_DATABASE]);
    if (typeof indexedDB.databases === "function")
      for (const database of await indexedDB.databases())
        if (database.name) names.add(database.name);
    for (const name of names) {
      await new Promise<void>((resolve) => {
        const request = indexedDB.deleteDatabase(name);
        request.onsuccess = request.onerror = request.onblocked = () => resolve();
      });
    }
  }
  if ("serviceWorker" in navigator) {
    for (const registration of await navigator.serviceWorker.getRegistrations())
      await registration.unregister();
  }
}
