import { describe, expect, test } from "vitest";
import {
  advancesStatus,
  appointmentSkip,
  campaignCounts,
  chosen,
  emailAddress,
  firstNameOf,
  heldUntilWords,
  maskedAddress,
  outreachLanguageOf,
  paceAllowance,
  paceInterval,
  quietHoursEnd,
  scrubbedProviderError,
  selectionWindow,
  smsNumber,
  statusFromProvider,
  type MessageStatus,
} from "./outreach";

const chicago = "America/Chicago";

describe("addresses", () => {
  test.each([
    ["(608) 555-0123", "+16085550123"],
    ["608.555.0123", "+16085550123"],
    ["1-608-555-0123", "+16085550123"],
    ["+1 608 555 0123 x12", "+16085550123"],
    ["+44 20 7946 0958", "+442079460958"],
    ["0044 20 7946 0958", "+442079460958"],
  ])("%s can take a text as %s", (phone, e164) => {
    expect(smsNumber(phone)).toBe(e164);
  });

  test.each([
    "555-0123",
    "(000) 000-0000",
    "call the office",
    "",
    null,
    "+1 108 555 0123",
    "020 7946 0958",
  ])("%s cannot take a text", (phone) => {
    expect(smsNumber(phone)).toBeNull();
  });

  test("email is matched trimmed and in lower case; a masked address shows only its end", () => {
    expect(emailAddress("  Ada.Moss@Example.TEST ")).toBe("ada.moss@example.test");
    expect(emailAddress("not an address")).toBeNull();
    expect(maskedAddress("sms", "+16085550123")).toBe("••• 0123");
    expect(maskedAddress("email", "ada.moss@example.test")).toBe("a•••@example.test");
  });

  test("the first name of 'First Last' and of 'Last, First Middle'", () => {
    expect(firstNameOf("Rosalind Quillfeather")).toBe("Rosalind");
    expect(firstNameOf("Quillfeather, Rosalind Ann")).toBe("Rosalind");
    expect(firstNameOf("Cher")).toBe("Cher");
  });

  test("the patient's language when Standby has messages in it, English otherwise", () => {
    expect(outreachLanguageOf("es-MX")).toBe("es");
    expect(outreachLanguageOf("ES")).toBe("es");
    expect(outreachLanguageOf("vi")).toBe("en");
    expect(outreachLanguageOf(null)).toBe("en");
  });
});

describe("the selection", () => {
  const now = new Date("2026-12-08T16:10:00Z"); // 10:10 in Chicago

  test("today's remaining appointments: from now to the end of the local day", () => {
    expect(selectionWindow({ day: "today", remainingOnly: true }, now, chicago)).toEqual({
      date: "2026-12-08",
      from: now,
      to: new Date("2026-12-09T06:00:00Z"),
    });
  });

  test("tomorrow between 13:00 and 15:00 local", () => {
    expect(selectionWindow({ day: "tomorrow", from: "13:00", to: "15:00" }, now, chicago)).toEqual({
      date: "2026-12-09",
      from: new Date("2026-12-09T19:00:00Z"),
      to: new Date("2026-12-09T21:00:00Z"),
    });
  });

  test("a range already over today is empty", () => {
    const window = selectionWindow(
      { day: "today", from: "08:00", to: "09:00", remainingOnly: true },
      now,
      chicago,
    );
    expect(window.to.getTime() - window.from.getTime()).toBe(0);
  });

  test("no providers chosen matches all; a choice matches without regard to case", () => {
    expect(chosen("Dr. Moss", undefined)).toBe(true);
    expect(chosen("Dr. Moss", [" dr. moss "])).toBe(true);
    expect(chosen("Dr. Adler", ["Dr. Moss"])).toBe(false);
  });

  test("who is skipped before their address is looked at", () => {
    const booked = {
      removed: false,
      status: "booked",
      mark: null,
      startsAt: new Date("2026-12-08T18:00:00Z"),
      hasPatient: true,
    };
    expect(appointmentSkip(booked, "delay", now)).toBeNull();
    expect(appointmentSkip({ ...booked, removed: true }, "delay", now)).toBe("removed");
    expect(appointmentSkip({ ...booked, status: "cancelled" }, "delay", now)).toBe("cancelled");
    expect(appointmentSkip({ ...booked, mark: "cancelled" }, "reminder", now)).toBe("cancelled");
    // A cancellation confirmation goes to the cancelled ones.
    expect(appointmentSkip({ ...booked, mark: "cancelled" }, "cancellation", now)).toBeNull();
    expect(appointmentSkip({ ...booked, mark: "arrived" }, "delay", now)).toBe("arrived");
    expect(
      appointmentSkip({ ...booked, startsAt: new Date("2026-12-08T15:00:00Z") }, "delay", now),
    ).toBe("passed");
    expect(appointmentSkip({ ...booked, hasPatient: false }, "delay", now)).toBe("no_patient");
  });
});

describe("quiet hours in the practice's time zone", () => {
  const quiet = { start: "21:00", end: "08:00" };

  test("outside them nothing is held", () => {
    expect(quietHoursEnd(new Date("2026-12-08T16:00:00Z"), chicago, quiet)).toBeNull();
    expect(quietHoursEnd(new Date("2026-12-09T02:59:00Z"), chicago, quiet)).toBeNull(); // 20:59
  });

  test("in the evening they end at 08:00 the next morning; after midnight, the same morning", () => {
    expect(quietHoursEnd(new Date("2026-12-09T03:00:00Z"), chicago, quiet)).toEqual(
      new Date("2026-12-09T14:00:00Z"),
    );
    expect(quietHoursEnd(new Date("2026-12-09T10:00:00Z"), chicago, quiet)).toEqual(
      new Date("2026-12-09T14:00:00Z"),
    );
  });

  test("across the night the clocks go back (25 hours): 08:00 CST, not 08:00 CDT", () => {
    // 22:00 CDT on October 31st, 2026; the clocks go back at 02:00 on November 1st.
    const end = quietHoursEnd(new Date("2026-11-01T03:00:00Z"), chicago, quiet);
    expect(end).toEqual(new Date("2026-11-01T14:00:00Z"));
    expect(heldUntilWords(end!, new Date("2026-11-01T03:00:00Z"), chicago)).toBe("Sun 08:00");
  });

  test("across the night the clocks go forward (23 hours): 08:00 CDT", () => {
    // 23:00 CST on March 7th, 2026; the clocks go forward at 02:00 on March 8th.
    expect(quietHoursEnd(new Date("2026-03-08T05:00:00Z"), chicago, quiet)).toEqual(
      new Date("2026-03-08T13:00:00Z"),
    );
  });

  test("a window within one day, and none at all when start and end are the same", () => {
    const lunch = { start: "12:00", end: "13:00" };
    expect(quietHoursEnd(new Date("2026-12-08T18:30:00Z"), chicago, lunch)).toEqual(
      new Date("2026-12-08T19:00:00Z"),
    );
    expect(
      quietHoursEnd(new Date("2026-12-09T03:00:00Z"), chicago, { start: "00:00", end: "00:00" }),
    ).toBeNull();
  });
});

describe("pace", () => {
  const now = new Date("2026-12-08T16:00:00Z");

  test("no limit: a large batch at once", () => {
    expect(paceAllowance(0, { count: 1_000, oldest: now }, now)).toEqual({
      take: 25,
      nextAt: null,
    });
    expect(paceInterval(0, 25)).toBe(0);
  });

  test("60 a minute: 5 at a time, 5 seconds apart, and none once 60 began in the last minute", () => {
    expect(paceAllowance(60, { count: 0, oldest: null }, now)).toEqual({ take: 5, nextAt: null });
    expect(paceInterval(60, 5)).toBe(5_000);
    expect(paceAllowance(60, { count: 58, oldest: now }, now)).toEqual({ take: 2, nextAt: null });
    const oldest = new Date(now.getTime() - 45_000);
    expect(paceAllowance(60, { count: 60, oldest }, now)).toEqual({
      take: 0,
      nextAt: new Date(now.getTime() + 15_000),
    });
  });
});

describe("statuses", () => {
  test("the provider's words", () => {
    expect(statusFromProvider("queued")).toBe("sent");
    expect(statusFromProvider("delivered")).toBe("delivered");
    expect(statusFromProvider("undelivered")).toBe("undeliverable");
    expect(statusFromProvider("failed")).toBe("failed");
    expect(statusFromProvider("receiving")).toBeNull();
  });

  test("reports only move a message forward, and the first final word stays", () => {
    expect(advancesStatus("sending", "sent")).toBe(true);
    expect(advancesStatus("sent", "delivered")).toBe(true);
    expect(advancesStatus("delivered", "sent")).toBe(false);
    expect(advancesStatus("delivered", "undeliverable")).toBe(false);
    expect(advancesStatus("undeliverable", "delivered")).toBe(false);
    expect(advancesStatus("stopped", "sent")).toBe(false);
  });

  test("a campaign's counts are disjoint and add up", () => {
    const statuses: Partial<Record<MessageStatus, number>> = {
      queued: 2,
      held: 1,
      sent: 3,
      delivered: 4,
      undeliverable: 1,
      failed: 1,
      outbox: 2,
      stopped: 1,
      withheld: 1,
    };
    expect(campaignCounts(statuses)).toEqual({
      recipients: 16,
      waiting: 3,
      sent: 3,
      delivered: 4,
      failed: 2,
      outbox: 2,
      stopped: 1,
      withheld: 1,
    });
  });

  test("a provider's error keeps its code and words, not the number it quotes", () => {
    expect(
      scrubbedProviderError(
        "HTTP 400 — error 21211: The 'To' number +1 (608) 555-0123 is not a valid phone number.",
      ),
    ).toBe("HTTP 400 — error 21211: The 'To' number [number] is not a valid phone number.");
    expect(scrubbedProviderError("550 5.1.1 <ada@example.test>: no such user")).toBe(
      "550 5.1.1 <[address]>: no such user",
    );
  });
});
