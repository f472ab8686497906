/**
 * What Standby keeps on a device for the outage, and how it shows it: pure functions, no I/O,
 * shared by the service worker (public/sw.js imports this file as it is, no build step) and by
 * the packet page that saves the copies. Types: offline-rules.d.ts. Tested in
 * server/domain/offline-rules.test.ts.
 *
 * Only these addresses are ever kept, and only when a member saves them on purpose:
 *   /print/practices/<id>/packet       the printable downtime packet (HTML)
 *   /print/practices/<id>/packet.pdf   the same packet as a PDF
 *   /print/practices/<id>/schedule     today's and tomorrow's continuity schedule (patient names;
 *                                      kept for 48 hours at most)
 * Everything else (pages, API answers, files) goes to the network untouched and is never stored.
 */

/** The one Cache Storage cache Standby writes. */
export const CACHE_NAME = "standby-offline-copies-v1";
/** Where, inside that cache, the list of what is kept lives (a synthetic entry, never fetched). */
export const INDEX_PATH = "/__standby-offline/index.json";
/** A saved schedule copy carries patient names: it is shown for 48 hours after saving, no longer. */
export const SCHEDULE_LIFETIME_MS = 48 * 60 * 60 * 1000;
/** Marks, in a saved page, where the offline banner goes when the copy is shown. */
export const BANNER_MARK = "<!--standby-offline-banner-->";

const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
const KEPT_ADDRESS = new RegExp(`^/print/practices/(${UUID})/(packet|packet\\.pdf|schedule)$`);

/** The addresses of one practice's copies. */
export function offlinePaths(practiceId) {
  const base = `/print/practices/${practiceId}`;
  return { packet: `${base}/packet`, pdf: `${base}/packet.pdf`, schedule: `${base}/schedule` };
}

/**
 * The schedule pages kept beside the packet: today's at its usual address (the print page shows
 * today when no date is named) and tomorrow's with its date.
 */
export function schedulePages(practiceId, tomorrow) {
  const { schedule } = offlinePaths(practiceId);
  return [
    { title: "today", path: schedule },
    { title: "tomorrow", path: `${schedule}?date=${tomorrow}` },
  ];
}

/** The day after an ISO date ("2026-12-31" → "2027-01-01"). */
export function nextDate(isoDate) {
  const date = new Date(`${isoDate}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}

/** What the packet page says of the schedule kept on this device. */
export function scheduleStatus(copy, now, utc = false) {
  if (!copy) return null;
  if (isExpired(copy, now))
    return "The schedule saved on this device was deleted: a saved schedule is kept for 48 hours.";
  return (
    `Schedule for today and tomorrow saved at ${clockTime(copy.savedAt, utc)}; ` +
    `it is deleted at ${dayAndTime(copy.expiresAt, utc)} (48 hours after saving).`
  );
}

/**
 * Which kept copy an address is ("packet", "pdf", "schedule") and of which practice, or null for
 * every other address (those are never stored nor answered from storage).
 */
export function keptAddress(pathname) {
  const match = KEPT_ADDRESS.exec(pathname);
  if (!match) return null;
  const kind = match[2] === "packet.pdf" ? "pdf" : match[2];
  return { practiceId: match[1], kind };
}

/**
 * May this answer be stored? Only a 200 that was not redirected (a redirect is the sign-in page),
 * of the expected type, and that sets no cookie.
 */
export function mayKeep(response, kind) {
  if (!response || response.status !== 200 || response.redirected) return false;
  if (response.type && response.type !== "basic" && response.type !== "default") return false;
  const headers = response.headers;
  if (headers.get("set-cookie")) return false;
  const type = (headers.get("content-type") ?? "").toLowerCase();
  return kind === "pdf" ? type.startsWith("application/pdf") : type.startsWith("text/html");
}

/** When a schedule copy saved at `savedAt` stops being shown. */
export function scheduleExpiry(savedAt) {
  return new Date(new Date(savedAt).getTime() + SCHEDULE_LIFETIME_MS).toISOString();
}

/** Whether a kept schedule copy has passed its 48 hours. Packets do not expire. */
export function isExpired(copy, now) {
  if (!copy?.expiresAt) return false;
  return new Date(now).getTime() >= new Date(copy.expiresAt).getTime();
}

/** An empty list of kept copies. */
export function emptyIndex() {
  return { copies: [] };
}

/** The index read back from storage, or an empty one when it is missing or not ours. */
export function parseIndex(text) {
  try {
    const value = JSON.parse(text);
    if (value && Array.isArray(value.copies)) return { copies: value.copies.filter(isCopy) };
  } catch {
    // not an index
  }
  return emptyIndex();
}

function isCopy(copy) {
  return (
    copy &&
    typeof copy.practiceId === "string" &&
    ["packet", "schedule"].includes(copy.kind) &&
    typeof copy.savedAt === "string"
  );
}

/** The index with one practice's copy of a kind put in (replacing the one it had). */
export function withCopy(index, copy) {
  const others = index.copies.filter(
    (kept) => !(kept.practiceId === copy.practiceId && kept.kind === copy.kind),
  );
  return { copies: [...others, copy] };
}

/** The index without one practice's copy of a kind. */
export function withoutCopy(index, practiceId, kind) {
  return {
    copies: index.copies.filter((kept) => !(kept.practiceId === practiceId && kept.kind === kind)),
  };
}

/** The kept copy that answers an address (the packet copy answers both the page and the PDF). */
export function copyFor(index, pathname) {
  const address = keptAddress(pathname);
  if (!address) return null;
  const kind = address.kind === "schedule" ? "schedule" : "packet";
  return (
    index.copies.find((copy) => copy.practiceId === address.practiceId && copy.kind === kind) ??
    null
  );
}

/**
 * Whether the saved packet must be replaced: a newer version is published than the one kept. The
 * page calls this on each online visit with the version it shows.
 */
export function needsReplacing(copy, publishedVersion) {
  return Boolean(copy) && copy.version < publishedVersion;
}

/** The newest version this device has seen published for a copy (at least the one kept). */
export function newestKnown(copy) {
  return Math.max(copy.version ?? 0, copy.newestKnownVersion ?? 0);
}

const pad = (n) => String(n).padStart(2, "0");
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** "14:05" in the device's time (or UTC when asked, for tests). */
export function clockTime(iso, utc = false) {
  const date = new Date(iso);
  return utc
    ? `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}`
    : `${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** "7 Dec 2026, 14:05" in the device's time (or UTC when asked, for tests). */
export function dayAndTime(iso, utc = false) {
  const date = new Date(iso);
  const day = utc ? date.getUTCDate() : date.getDate();
  const month = MONTHS[utc ? date.getUTCMonth() : date.getMonth()];
  const year = utc ? date.getUTCFullYear() : date.getFullYear();
  return `${day} ${month} ${year}, ${clockTime(iso, utc)}`;
}

/** What the packet page says of the copy kept on this device. */
export function savedStatus(copy, utc = false) {
  if (!copy) return "Not saved on this device.";
  const saved = `Saved: version ${copy.version}, on this device at ${clockTime(copy.savedAt, utc)}`;
  const newest = newestKnown(copy);
  return newest > copy.version
    ? `${saved}. This copy is older than the newest version (${newest}).`
    : `${saved}.`;
}

/** The banner above a copy shown while Standby cannot be reached. */
export function bannerText(copy, now, utc = false) {
  const what = copy.kind === "schedule" ? "schedule" : `packet, version ${copy.version}`;
  const parts = [`Offline copy from ${dayAndTime(copy.savedAt, utc)} (${what}).`];
  parts.push("Standby cannot be reached, so this is the copy saved on this device.");
  if (copy.kind === "packet" && newestKnown(copy) > copy.version)
    parts.push(`It is older than the newest version (${newestKnown(copy)}).`);
  if (copy.expiresAt)
    parts.push(`It is deleted at ${dayAndTime(copy.expiresAt, utc)}, 48 hours after saving.`);
  void now;
  return parts.join(" ");
}

export function escapeHtml(text) {
  return String(text)
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#39;");
}

const STYLESHEET = /<link\b[^>]*\brel="stylesheet"[^>]*>/gi;
const HREF = /\bhref="([^"]+)"/i;

/** The same-origin stylesheets a page links (to inline them into the saved copy). */
export function stylesheetsOf(html) {
  const found = [];
  for (const tag of html.match(STYLESHEET) ?? []) {
    const href = HREF.exec(tag)?.[1];
    if (href && href.startsWith("/") && !href.startsWith("//")) found.push(href);
  }
  return [...new Set(found)];
}

/**
 * The page as it is kept: no scripts (the copy is a document, it runs nothing), its stylesheets
 * inlined (`styles` maps each href to its text) so it looks the same with no server, the page's
 * own toolbar hidden, and a mark where the banner goes.
 */
export function prepareSavedHtml(html, styles) {
  let out = html
    .replace(/<script\b[^>]*>[\s\S]*?<\/script>/gi, "")
    .replace(/<link\b[^>]*\brel="(?:modulepreload|preload)"[^>]*>/gi, "");
  out = out.replace(STYLESHEET, (tag) => {
    const href = HREF.exec(tag)?.[1];
    const css = href ? styles[href] : undefined;
    return css === undefined ? "" : `<style>${css.replaceAll("</style", "<\\/style")}</style>`;
  });
  const hide = "<style>.print-toolbar{display:none!important}</style>";
  out = out.includes("</head>") ? out.replace("</head>", `${hide}</head>`) : hide + out;
  return /<body\b[^>]*>/i.test(out)
    ? out.replace(/<body\b[^>]*>/i, (tag) => `${tag}${BANNER_MARK}`)
    : BANNER_MARK + out;
}

/** A kept page with its banner in place. */
export function withBanner(html, text) {
  const banner =
    `<div role="status" data-offline-banner style="background:#fef3c7;border-bottom:2px solid #b45309;` +
    `color:#451a03;padding:10px 16px;font:14px/1.4 system-ui,sans-serif">` +
    `<strong>Offline copy.</strong> ${escapeHtml(text)} <a href="/__standby-offline/" style="color:#451a03">What is saved here</a></div>`;
  return html.includes(BANNER_MARK) ? html.replace(BANNER_MARK, banner) : banner + html;
}

/** The page shown for any other address while Standby cannot be reached. */
export function offlinePageHtml(index, now, utc = false) {
  const live = index.copies.filter((copy) => !isExpired(copy, now));
  const expired = index.copies.filter((copy) => isExpired(copy, now));
  const items = live
    .map((copy) => {
      const paths = offlinePaths(copy.practiceId);
      const name = escapeHtml(copy.practiceName ?? "A practice");
      if (copy.kind === "schedule") {
        const pages = Array.isArray(copy.pages)
          ? copy.pages
          : [{ title: "today", path: paths.schedule }];
        const links = pages
          .map(
            (page) =>
              `<a href="${escapeHtml(page.path)}">${name}: continuity schedule, ${escapeHtml(page.title)}</a>`,
          )
          .join(" and ");
        return (
          `<li>${links} ` +
          `(saved ${escapeHtml(dayAndTime(copy.savedAt, utc))}; deleted at ${escapeHtml(dayAndTime(copy.expiresAt, utc))})</li>`
        );
      }
      return (
        `<li><a href="${paths.packet}">${name}: downtime packet, version ${copy.version}</a> ` +
        `and <a href="${paths.pdf}">its PDF</a> (saved ${escapeHtml(dayAndTime(copy.savedAt, utc))})</li>`
      );
    })
    .join("");
  const expiredNote = expired.length
    ? `<p>${expired.length} saved schedule cop${expired.length === 1 ? "y has" : "ies have"} expired (48 hours after saving) and ${expired.length === 1 ? "is" : "are"} no longer shown.</p>`
    : "";
  const list = items
    ? `<h2>Saved on this device</h2><ul>${items}</ul>`
    : "<p>Nothing is saved on this device. Open a practice's downtime packet while online and choose “Keep on this device”.</p>";
  return (
    `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">` +
    `<meta name="viewport" content="width=device-width,initial-scale=1"><title>Offline - Standby</title>` +
    `<style>body{font:16px/1.5 system-ui,sans-serif;color:#0f172a;max-width:40rem;margin:2rem auto;padding:0 1rem}` +
    `a{color:#195a63}li{margin:.5rem 0}</style></head><body><main>` +
    `<h1>Standby cannot be reached</h1>` +
    `<p>This device has no connection to Standby right now. Only what was saved on this device can be opened.</p>` +
    `${list}${expiredNote}<p>Reload this page once the connection is back.</p></main></body></html>`
  );
}
