import { describe, expect, test } from "vitest";
import { fieldMessages } from "./save-outcome";

const problem = (fieldErrors: Record<string, string[] | undefined>) => ({
  message: "Check the fields.",
  code: "BAD_REQUEST",
  fieldErrors,
});

describe("the messages a refused save puts next to fields", () => {
  test("the server's first message for each field the form has", () => {
    expect(
      fieldMessages(
        { problem: problem({ name: ["Too long.", "Other."], phone: ["Not a phone."] }) },
        ["name", "phone", "notes"],
      ),
    ).toEqual({ name: "Too long.", phone: "Not a phone." });
  });

  test("a message for a field the form does not have is not placed", () => {
    expect(fieldMessages({ problem: problem({ version: ["Stale."] }) }, ["name"])).toEqual({});
    expect(fieldMessages({ problem: { message: "Conflict", fieldErrors: {} } }, ["name"])).toEqual(
      {},
    );
  });

  test("the container's own messages come first, nested paths included", () => {
    expect(
      fieldMessages(
        {
          problem: problem({ name: ["Server says."] }),
          fieldErrors: { name: "Container says.", "participants.2.name": "Too long.", note: "" },
        },
        ["name"],
      ),
    ).toEqual({ name: "Container says.", "participants.2.name": "Too long." });
  });

  test("nothing to place without a problem or messages", () => {
    expect(fieldMessages({}, ["name"])).toEqual({});
  });
});
