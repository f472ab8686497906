import { describe, expect, it } from "vitest";
import { helpAnswer, replyActionOf, twimlResponse } from "./reply-words";

describe("what a patient's reply means", () => {
  it("reads the words whatever their case, spacing, punctuation or accents", () => {
    const cases: [string, string][] = [
      ["STOP", "stop"],
      ["stop!", "stop"],
      [" Stop all ", "stop"],
      ["Unsubscribe.", "stop"],
      ["end", "stop"],
      ["quit", "stop"],
      ["START", "start"],
      ["unstop", "start"],
      ["help?", "help"],
      ["Info", "help"],
      ["c", "cancel"],
      [" C. ", "cancel"],
      ["Cancel", "cancel"],
      ["CANCEL!!", "cancel"],
      ["cancelar", "cancel"],
      ["Y", "confirm"],
      ["yes", "confirm"],
      ["Yes!", "confirm"],
      ["Sí", "confirm"],
    ];
    for (const [text, action] of cases) expect(replyActionOf(text), text).toBe(action);
  });

  it("cancels on CANCEL rather than opting out, and does not undo an opt-out on YES", () => {
    expect(replyActionOf("CANCEL")).toBe("cancel");
    expect(replyActionOf("YES")).toBe("confirm");
  });

  it("leaves anything else for the front desk", () => {
    for (const text of [
      "",
      "Can I come at 3 instead?",
      "yes please",
      "cancel my appointment",
      "stop texting me after today",
      "OK",
      "👍",
      "N",
    ])
      expect(replyActionOf(text), text).toBe("inbox");
  });

  it("answers HELP with the practice's name and phone", () => {
    expect(helpAnswer("Lakeside Family Medicine", "(608) 555-0142")).toBe(
      "Lakeside Family Medicine: appointment messages. For help call (608) 555-0142. Reply STOP to stop these texts, START to get them again.",
    );
    expect(helpAnswer("Lakeside", null)).not.toContain("call");
  });

  it("answers the provider in TwiML, escaped", () => {
    expect(twimlResponse()).toBe('<?xml version="1.0" encoding="UTF-8"?><Response/>');
    expect(twimlResponse("Smith & Jones <clinic>")).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><Response><Message>Smith &amp; Jones &lt;clinic&gt;</Message></Response>',
    );
  });
});
