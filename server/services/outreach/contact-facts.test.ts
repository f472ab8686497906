import { describe, expect, test } from "vitest";
import {
  addressHashes,
  patientField,
  patientKeyRing,
  sealPatientValue,
} from "@/server/domain/patient-box";
import { contactFacts, openContact } from "./contact-facts";

const PRACTICE = "11111111-1111-4111-8111-111111111111";
const ring = patientKeyRing("a".repeat(40), ["b".repeat(40)]);
const seal = (field: "phone" | "email", value: string, keys = ring) =>
  sealPatientValue(keys, patientField(PRACTICE, field), value);

describe("what a selection knows of a sealed contact", () => {
  test("a usable number: yes, and its hashes under every key, the same as the address's own", () => {
    const sealed = seal("phone", "(608) 555-0123");
    const facts = contactFacts(ring, PRACTICE, "phone", sealed);
    expect(facts).toEqual({ usable: true, hashes: addressHashes(ring, "+16085550123") });
    expect(JSON.stringify(facts)).not.toContain("555");
    expect(openContact(ring, PRACTICE, "phone", sealed)).toBe("+16085550123");
    // Asked again: the same facts, not worked out again.
    expect(contactFacts(ring, PRACTICE, "phone", sealed)).toBe(facts);
  });

  test("nothing, an unusable value, another practice's or another field's: not usable, no hashes", () => {
    const none = { usable: false, hashes: [] };
    expect(contactFacts(ring, PRACTICE, "phone", null)).toEqual(none);
    expect(contactFacts(ring, PRACTICE, "phone", seal("phone", "call the front desk"))).toEqual(
      none,
    );
    expect(contactFacts(ring, PRACTICE, "email", seal("email", "not an address"))).toEqual(none);
    const email = seal("email", " Ana@Example.TEST ");
    expect(contactFacts(ring, PRACTICE, "phone", email)).toEqual(none);
    const elsewhere = sealPatientValue(ring, patientField("other", "email"), "ana@example.test");
    expect(contactFacts(ring, PRACTICE, "email", elsewhere)).toEqual(none);
    expect(openContact(ring, PRACTICE, "email", email)).toBe("ana@example.test");
  });

  test("a new key ring forgets what was kept", () => {
    const rotated = patientKeyRing("c".repeat(40), ["a".repeat(40)]);
    const sealed = seal("phone", "+16085550199");
    const before = contactFacts(ring, PRACTICE, "phone", sealed);
    const after = contactFacts(rotated, PRACTICE, "phone", sealed);
    expect(after).not.toBe(before);
    expect(after.hashes).toEqual(addressHashes(rotated, "+16085550199"));
  });
});
