import { describe, expect, it } from "vitest";
import { normalisePhone } from "./phone-number";

describe("a phone number in E.164", () => {
  it("reads the ways one North American number is written as one number", () => {
    for (const written of [
      "(608) 555-0123",
      "608.555.0123",
      "608-555-0123",
      "6085550123",
      "1 608 555 0123",
      "+1 (608) 555-0123",
      "001 608 555 0123",
      " +16085550123 ",
      "(608) 555-0123 ext. 44",
      "608/555-0123 x12",
    ])
      expect(normalisePhone(written), written).toBe("+16085550123");
  });

  it("keeps another country's number written with its code", () => {
    expect(normalisePhone("+44 20 7946 0018")).toBe("+442079460018");
    expect(normalisePhone("0052 55 1234 5678")).toBe("+525512345678");
  });

  it("refuses what cannot be dialled as it stands", () => {
    for (const bad of [
      "",
      "call me",
      "555-0123",
      "7946 0018",
      "+0 123 456 789",
      "(000) 000-0000",
      "+1 111 111 1111",
      "(108) 555-0123",
      "(608) 155-0123",
      "+1234567",
      "+1234567890123456",
      "608 555 0123 4",
      "++16085550123",
    ])
      expect(normalisePhone(bad), bad).toBeNull();
  });
});
