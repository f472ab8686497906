import { describe, expect, test } from "vitest";
import {
  BANNER_MARK,
  bannerText,
  copyFor,
  emptyIndex,
  isExpired,
  keptAddress,
  mayKeep,
  needsReplacing,
  nextDate,
  offlinePageHtml,
  offlinePaths,
  parseIndex,
  prepareSavedHtml,
  savedStatus,
  scheduleExpiry,
  schedulePages,
  scheduleStatus,
  stylesheetsOf,
  withBanner,
  withCopy,
  withoutCopy,
  type KeptCopy,
} from "@/public/offline-rules.js";

const practiceId = "0b6c3c1e-9a51-4f43-9d1e-4d8f0d1a2b3c";
const packet: KeptCopy = {
  practiceId,
  practiceName: "Lakeside <Family> Medicine",
  kind: "packet",
  version: 4,
  savedAt: "2026-12-07T14:05:00.000Z",
  expiresAt: null,
};

function answer(status: number, headers: Record<string, string>, extra: object = {}) {
  return { status, type: "basic", redirected: false, headers: new Headers(headers), ...extra };
}

describe("what the service worker may keep and answer", () => {
  test("only a practice's packet page, its PDF and its schedule print are kept addresses", () => {
    expect(keptAddress(`/print/practices/${practiceId}/packet`)).toEqual({
      practiceId,
      kind: "packet",
    });
    expect(keptAddress(`/print/practices/${practiceId}/packet.pdf`)?.kind).toBe("pdf");
    expect(keptAddress(`/print/practices/${practiceId}/schedule`)?.kind).toBe("schedule");
    for (const other of [
      "/portfolio",
      `/practices/${practiceId}/plan`,
      `/print/practices/${practiceId}/quarterly`,
      `/print/practices/${practiceId}/packet/extra`,
      "/print/practices/not-a-uuid/packet",
      "/api/trpc/plans.packet",
      "/api/auth/session",
      "/_next/static/chunks/app.js",
    ])
      expect(keptAddress(other), other).toBeNull();
    expect(offlinePaths(practiceId).pdf).toBe(`/print/practices/${practiceId}/packet.pdf`);
  });

  test("only a 200 of the expected type, not redirected and setting no cookie, may be kept", () => {
    const html = { "content-type": "text/html; charset=utf-8" };
    expect(mayKeep(answer(200, html), "packet")).toBe(true);
    expect(mayKeep(answer(200, { "content-type": "application/pdf" }), "pdf")).toBe(true);
    expect(mayKeep(answer(200, html), "pdf")).toBe(false);
    expect(mayKeep(answer(404, html), "packet")).toBe(false);
    expect(mayKeep(answer(500, html), "packet")).toBe(false);
    expect(mayKeep(answer(303, html), "packet")).toBe(false);
    // A redirect followed to the sign-in page is a 200 of HTML too: refused.
    expect(mayKeep(answer(200, html, { redirected: true }), "packet")).toBe(false);
    expect(mayKeep(answer(200, { ...html, "set-cookie": "a=b" }), "packet")).toBe(false);
    expect(mayKeep(answer(200, html, { type: "opaque" }), "packet")).toBe(false);
    expect(mayKeep(null, "packet")).toBe(false);
  });
});

describe("the list of kept copies", () => {
  test("a copy of a kind replaces the practice's previous one; others stay", () => {
    const other = { ...packet, practiceId: "1b6c3c1e-9a51-4f43-9d1e-4d8f0d1a2b3c" };
    let index = withCopy(withCopy(emptyIndex(), packet), other);
    index = withCopy(index, { ...packet, version: 5 });
    expect(index.copies.map((copy) => copy.version).sort()).toEqual([4, 5]);
    expect(copyFor(index, `/print/practices/${practiceId}/packet.pdf`)?.version).toBe(5);
    expect(copyFor(index, `/print/practices/${practiceId}/schedule`)).toBeNull();
    expect(copyFor(index, "/portfolio")).toBeNull();
    expect(withoutCopy(index, practiceId, "packet").copies).toEqual([other]);
  });

  test("a damaged or foreign index reads as empty", () => {
    expect(parseIndex("")).toEqual(emptyIndex());
    expect(parseIndex("{not json")).toEqual(emptyIndex());
    expect(parseIndex(JSON.stringify({ copies: [{ kind: "cookie" }] }))).toEqual(emptyIndex());
    expect(parseIndex(JSON.stringify(withCopy(emptyIndex(), packet))).copies).toEqual([packet]);
  });

  test("a newer published version replaces the kept packet; the same one does not", () => {
    expect(needsReplacing(packet, 5)).toBe(true);
    expect(needsReplacing(packet, 4)).toBe(false);
    expect(needsReplacing(null, 5)).toBe(false);
  });
});

describe("expiry of the schedule copy", () => {
  test("a schedule copy is shown for 48 hours after saving, not a minute longer; packets do not expire", () => {
    const savedAt = "2026-12-07T08:00:00.000Z";
    const copy = { expiresAt: scheduleExpiry(savedAt) };
    expect(copy.expiresAt).toBe("2026-12-09T08:00:00.000Z");
    expect(isExpired(copy, new Date("2026-12-09T07:59:59.999Z"))).toBe(false);
    expect(isExpired(copy, new Date("2026-12-09T08:00:00.000Z"))).toBe(true);
    expect(isExpired(packet, new Date("2036-01-01T00:00:00Z"))).toBe(false);
  });

  test("the packet page says until when the schedule is kept, and that an expired one was deleted", () => {
    const copy: KeptCopy = {
      ...packet,
      kind: "schedule",
      version: 0,
      savedAt: "2026-12-07T08:00:00.000Z",
      expiresAt: scheduleExpiry("2026-12-07T08:00:00.000Z"),
    };
    expect(scheduleStatus(null, new Date())).toBeNull();
    expect(scheduleStatus(copy, new Date("2026-12-08T08:00:00Z"), true)).toBe(
      "Schedule for today and tomorrow saved at 08:00; it is deleted at 9 Dec 2026, 08:00 (48 hours after saving).",
    );
    expect(scheduleStatus(copy, new Date("2026-12-09T08:00:00Z"), true)).toMatch(
      /was deleted: a saved schedule is kept for 48 hours/,
    );
  });

  test("today's schedule is kept at its usual address and tomorrow's with its date, across a month and a year", () => {
    expect(nextDate("2026-12-31")).toBe("2027-01-01");
    expect(nextDate("2028-02-28")).toBe("2028-02-29");
    expect(schedulePages(practiceId, "2026-12-08")).toEqual([
      { title: "today", path: `/print/practices/${practiceId}/schedule` },
      { title: "tomorrow", path: `/print/practices/${practiceId}/schedule?date=2026-12-08` },
    ]);
  });
});

describe("what the person reads", () => {
  test("the packet page says which version is kept and when, and when it is older than the newest", () => {
    expect(savedStatus(null)).toBe("Not saved on this device.");
    expect(savedStatus(packet, true)).toBe("Saved: version 4, on this device at 14:05.");
    expect(savedStatus({ ...packet, newestKnownVersion: 5 }, true)).toBe(
      "Saved: version 4, on this device at 14:05. This copy is older than the newest version (5).",
    );
  });

  test("the banner names the copy's time and version, its age and a schedule's expiry", () => {
    const now = new Date("2026-12-07T16:00:00Z");
    expect(bannerText(packet, now, true)).toContain(
      "Offline copy from 7 Dec 2026, 14:05 (packet, version 4).",
    );
    expect(bannerText({ ...packet, newestKnownVersion: 6 }, now, true)).toContain(
      "older than the newest version (6)",
    );
    const schedule: KeptCopy = {
      ...packet,
      kind: "schedule",
      expiresAt: scheduleExpiry(packet.savedAt),
    };
    expect(bannerText(schedule, now, true)).toContain("deleted at 9 Dec 2026, 14:05");
  });

  test("the offline page lists what is kept (names escaped) and says when nothing is", () => {
    const now = new Date("2026-12-07T16:00:00Z");
    expect(offlinePageHtml(emptyIndex(), now, true)).toContain("Nothing is saved on this device");
    const index = withCopy(withCopy(emptyIndex(), packet), {
      ...packet,
      kind: "schedule",
      savedAt: "2026-12-01T08:00:00Z",
      expiresAt: scheduleExpiry("2026-12-01T08:00:00Z"),
    });
    const page = offlinePageHtml(index, now, true);
    const live = offlinePageHtml(
      withCopy(emptyIndex(), {
        ...packet,
        kind: "schedule",
        savedAt: "2026-12-07T08:00:00Z",
        expiresAt: scheduleExpiry("2026-12-07T08:00:00Z"),
        pages: schedulePages(practiceId, "2026-12-08"),
      }),
      now,
      true,
    );
    expect(live).toContain(
      `<a href="/print/practices/${practiceId}/schedule?date=2026-12-08">Lakeside &lt;Family&gt; Medicine: continuity schedule, tomorrow</a>`,
    );
    expect(live).toContain("deleted at 9 Dec 2026, 08:00");
    expect(page).toContain("Lakeside &lt;Family&gt; Medicine: downtime packet, version 4");
    expect(page).toContain(`href="/print/practices/${practiceId}/packet.pdf"`);
    expect(page).not.toContain(`href="/print/practices/${practiceId}/schedule"`);
    expect(page).toContain("1 saved schedule copy has expired");
    expect(page).not.toContain("<script");
  });
});

describe("the kept page", () => {
  const served =
    '<!DOCTYPE html><html><head><link rel="stylesheet" href="/_next/static/chunks/a.css" data-precedence="next"/>' +
    '<link rel="stylesheet" href="https://elsewhere.example/x.css"/><link rel="modulepreload" href="/_next/static/chunks/b.js"/>' +
    '<script src="/_next/static/chunks/b.js" async=""></script></head><body class="x"><nav class="print-toolbar">Print</nav>' +
    '<main>Call the EHR vendor</main><script>self.__next_f.push([1,"secret"])</script></body></html>';

  test("runs no script, inlines the app's own stylesheets and marks where the banner goes", () => {
    expect(stylesheetsOf(served)).toEqual(["/_next/static/chunks/a.css"]);
    const kept = prepareSavedHtml(served, { "/_next/static/chunks/a.css": "main{color:red}" });
    expect(kept).not.toMatch(/<script/i);
    expect(kept).not.toContain("modulepreload");
    expect(kept).not.toContain("elsewhere.example");
    expect(kept).toContain("<style>main{color:red}</style>");
    expect(kept).toContain(".print-toolbar{display:none!important}");
    expect(kept).toContain(`<body class="x">${BANNER_MARK}<nav`);
    const shown = withBanner(kept, "Offline copy from <then>.");
    expect(shown).toContain("Offline copy from &lt;then&gt;.");
    expect(shown).toContain("Call the EHR vendor");
    expect(shown).not.toContain(BANNER_MARK);
  });
});
