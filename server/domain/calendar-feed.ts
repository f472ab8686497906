import { createHash } from "node:crypto";
import ical, { ICalCalendarMethod } from "ical-generator";

/**
 * A member's calendar of due work: every item is an all-day event on the date it is due, in the
 * practice's own calendar (a date, not a moment, so no time zone or DST change can move it). Pure:
 * the services find the items and remember each event's SEQUENCE; this builds the ICS text.
 */
export type DueItem = {
  /** Stable per item: `<kind>-<row id>@standby`. */
  uid: string;
  /** YYYY-MM-DD in the practice's calendar. */
  dueOn: string;
  summary: string;
  description: string;
  url: string;
};

export type CalendarEvent = DueItem & {
  /** Rises each time the item's date or text changes. */
  sequence: number;
  /** When the event last changed (DTSTAMP), so an unchanged feed is byte-for-byte the same. */
  changedAt: Date;
};

/** What the event says: when this changes, its SEQUENCE rises. */
export function dueItemHash(item: DueItem): string {
  return createHash("sha256")
    .update(JSON.stringify([item.dueOn, item.summary, item.description, item.url]))
    .digest("base64url");
}

const DAY_MS = 24 * 60 * 60_000;

/** The ICS text of a feed. Events are sorted by date then UID, so the same items give the same text. */
export function renderCalendar(name: string, events: readonly CalendarEvent[]): string {
  const calendar = ical({
    name,
    prodId: { company: "Standby", product: "Due work", language: "EN" },
    method: ICalCalendarMethod.PUBLISH,
    // A hint to calendar apps; they poll on their own schedule anyway.
    ttl: 60 * 60,
  });
  const sorted = [...events].sort(
    (a, b) => a.dueOn.localeCompare(b.dueOn) || a.uid.localeCompare(b.uid),
  );
  for (const event of sorted) {
    const start = new Date(`${event.dueOn}T00:00:00Z`);
    calendar.createEvent({
      id: event.uid,
      sequence: event.sequence,
      stamp: event.changedAt,
      allDay: true,
      start,
      end: new Date(start.getTime() + DAY_MS),
      summary: event.summary,
      description: event.description,
      url: event.url,
    });
  }
  return calendar.toString();
}

/** A strong ETag of a body: the same feed text gives the same tag. */
export function etagOf(body: string): string {
  return `"${createHash("sha256").update(body).digest("base64url").slice(0, 32)}"`;
}

/** Whether an If-None-Match header names this ETag (a list, weak tags, or "*"). */
export function matchesEtag(ifNoneMatch: string | null, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch
    .split(",")
    .map((tag) => tag.trim().replace(/^W\//, ""))
    .some((tag) => tag === "*" || tag === etag);
}

/** The feed's token as it appears in the address: 32 random bytes, base64url (43 characters). */
export const FEED_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** The token in an address's last segment, with or without ".ics"; null when it cannot be one. */
export function feedTokenOf(segment: string): string | null {
  const token = segment.endsWith(".ics") ? segment.slice(0, -4) : segment;
  return FEED_TOKEN_PATTERN.test(token) ? token : null;
}

export function feedUrls(appUrl: string, token: string) {
  const https = `${appUrl.replace(/\/$/, "")}/api/calendar/${token}.ics`;
  return { url: https, webcalUrl: https.replace(/^https?:\/\//, "webcal://") };
}
