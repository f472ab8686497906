import { describe, expect, test } from "vitest";
import {
  emailMessage,
  smsText,
  SMS_MAX_LENGTH,
  type NotificationMessage,
} from "./notification-messages";

const message: NotificationMessage = {
  event: "incident.status_changed",
  deliveryId: "d1",
  mspName: "Summit IT Partners",
  practiceName: "Lakeside Family Medicine",
  headline: "EHR down: status is now Vendor engaged",
  status: "Vendor engaged",
  link: "https://standby.example/practices/p1/incidents/i1",
  occurredAt: new Date("2026-12-07T14:05:00Z"),
};

describe("messages", () => {
  test("a text message stays within two segments and keeps its link whole", () => {
    const long = smsText({ ...message, headline: "x".repeat(600) });
    expect(long.length).toBeLessThanOrEqual(SMS_MAX_LENGTH);
    expect(long.endsWith(` ${message.link}`)).toBe(true);
    expect(long).toContain("…");
    expect(smsText(message)).toBe(
      "Lakeside Family Medicine: EHR down: status is now Vendor engaged (Vendor engaged) https://standby.example/practices/p1/incidents/i1",
    );
  });
  test("an email says why the person receives it, and an MSP-wide one names the MSP", () => {
    const mail = emailMessage({
      ...message,
      event: "channel.test",
      practiceName: null,
      headline: "Test message",
      status: null,
    });
    expect(mail.subject).toBe("[Standby] Test message");
    expect(mail.text).toContain('Summit IT Partners routes "Test message" to you in Standby.');
    expect(mail.text.split("\n")[0]).toBe("Summit IT Partners");
  });
});
