import { describe, expect, it } from "vitest";
import {
  openPatientValue,
  patientField,
  patientKeyRing,
  sealPatientValue,
  sealedWithCurrentKey,
} from "./patient-box";

const practiceA = "7d0c9a52-5a52-4b0e-9a70-5a3f1c2b0001";
const practiceB = "7d0c9a52-5a52-4b0e-9a70-5a3f1c2b0002";

describe("patient box", () => {
  const ring = patientKeyRing("first patient data key 0123456789");

  it("opens what it sealed, and the stored text holds no plaintext", () => {
    const stored = sealPatientValue(ring, patientField(practiceA, "name"), "Rosa Delgado");
    expect(stored).not.toContain("Rosa");
    expect(Buffer.from(stored.split(".")[3]!, "base64url").toString("latin1")).not.toContain(
      "Rosa",
    );
    expect(openPatientValue(ring, patientField(practiceA, "name"), stored)).toBe("Rosa Delgado");
  });

  it("refuses a value moved to another practice or another field, or altered", () => {
    const stored = sealPatientValue(ring, patientField(practiceA, "phone"), "+15555550100");
    expect(openPatientValue(ring, patientField(practiceB, "phone"), stored)).toBeNull();
    expect(openPatientValue(ring, patientField(practiceA, "name"), stored)).toBeNull();
    const parts = stored.split(".");
    const bytes = Buffer.from(parts[3]!, "base64url");
    bytes[0]! ^= 1;
    parts[3] = bytes.toString("base64url");
    expect(openPatientValue(ring, patientField(practiceA, "phone"), parts.join("."))).toBeNull();
    expect(openPatientValue(ring, patientField(practiceA, "phone"), "not sealed")).toBeNull();
  });

  it("rotates: values sealed with a previous key still open; new ones use the new key", () => {
    const field = patientField(practiceA, "email");
    const old = sealPatientValue(ring, field, "rosa@example.test");
    const rotated = patientKeyRing("second patient data key 987654321", [
      "first patient data key 0123456789",
    ]);
    expect(openPatientValue(rotated, field, old)).toBe("rosa@example.test");
    expect(sealedWithCurrentKey(rotated, old)).toBe(false);
    const fresh = sealPatientValue(rotated, field, "rosa@example.test");
    expect(sealedWithCurrentKey(rotated, fresh)).toBe(true);
    expect(
      openPatientValue(patientKeyRing("second patient data key 987654321"), field, old),
    ).toBeNull();
  });
});
