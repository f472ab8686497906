/**
 * Standby's service worker (a module worker, registered by the packet page; no build step: Next's
 * Turbopack build emits no worker from webpack plugins, so this file is served as it is).
 *
 * It stores nothing itself. It answers from the copies a member saved on purpose (see
 * offline-rules.js) only when Standby cannot be reached, and otherwise hands every request to the
 * network untouched: other pages, API calls and files are never read from or written to storage.
 */
import {
  CACHE_NAME,
  INDEX_PATH,
  bannerText,
  copyFor,
  isExpired,
  keptAddress,
  offlinePageHtml,
  parseIndex,
  withBanner,
} from "./offline-rules.js";

const OFFLINE_PAGE_PATH = "/__standby-offline/";

self.addEventListener("install", () => {
  void self.skipWaiting();
});

self.addEventListener("activate", (event) => {
  event.waitUntil(self.clients.claim());
});

async function readIndex() {
  const cache = await caches.open(CACHE_NAME);
  const stored = await cache.match(INDEX_PATH);
  return parseIndex(stored ? await stored.text() : "");
}

function htmlResponse(html, status = 200) {
  return new Response(html, {
    status,
    headers: {
      "content-type": "text/html; charset=utf-8",
      "cache-control": "no-store",
      // The kept copies and the offline page run no script.
      "content-security-policy":
        "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    },
  });
}

/** What a saved address (or any navigation) gets while Standby cannot be reached. */
async function offlineAnswer(url, navigate) {
  const now = new Date();
  const index = await readIndex();
  const copy = copyFor(index, url.pathname);
  if (copy && !isExpired(copy, now)) {
    const cache = await caches.open(CACHE_NAME);
    // The schedule of tomorrow is kept with its ?date=; the packet's addresses have no query.
    const kept = await cache.match(url.pathname + url.search);
    if (kept) {
      if (keptAddress(url.pathname)?.kind === "pdf") return kept;
      return htmlResponse(withBanner(await kept.text(), bannerText(copy, now)));
    }
  }
  if (copy && isExpired(copy, now)) {
    // Past its 48 hours: removed now, whoever asks.
    const cache = await caches.open(CACHE_NAME);
    for (const page of copy.pages ?? []) await cache.delete(page.path);
  }
  if (!navigate) return Response.error();
  return htmlResponse(offlinePageHtml(index, now), 503);
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname === OFFLINE_PAGE_PATH) {
    event.respondWith(
      readIndex().then((index) => htmlResponse(offlinePageHtml(index, new Date()))),
    );
    return;
  }
  const navigate = request.mode === "navigate";
  // Not a page and not a saved address: the browser fetches it as if there were no worker.
  if (!navigate && !keptAddress(url.pathname)) return;
  event.respondWith(
    fetch(request).then(
      // A proxy in front of Standby answering that Standby is down counts as unreachable too.
      (response) =>
        response.status >= 502 && response.status <= 504
          ? offlineAnswer(url, navigate).then((answer) =>
              answer.type === "error" ? response : answer,
            )
          : response,
      () => offlineAnswer(url, navigate),
    ),
  );
});
