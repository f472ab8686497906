import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { auditActionPhrase, auditActionPhrases } from "./audit-actions";

const serverDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

/** Codes built from a template literal, and what the template can become. */
const templated: Record<string, string[]> = {
  "downtime_log.${step}": ["downtime_log.entered", "downtime_log.verified"],
};

/** Every action code the server writes to the audit log: the literals after `action:` (also in a ternary). */
function recordedCodes(): Set<string> {
  const codes = new Set<string>();
  for (const file of sourceFiles(serverDir)) {
    const text = readFileSync(file, "utf8");
    if (!/recordAudit\(|insert\((schema\.)?auditEvents\)/.test(text)) continue;
    for (const match of text.matchAll(/\baction:\s*([^,\n]+)/g)) {
      const expression = match[1]!;
      for (const literal of expression.matchAll(/"([a-z_]+\.[a-z_]+)"/g)) codes.add(literal[1]!);
      const template = /`([^`]*)`/.exec(expression)?.[1];
      if (template) {
        expect(templated, `${path.relative(serverDir, file)}: ${template}`).toHaveProperty([
          template,
        ]);
        for (const code of templated[template]!) codes.add(code);
      }
    }
  }
  return codes;
}

describe("audit action phrases", () => {
  it("has a phrase for every action code the server records", () => {
    const codes = recordedCodes();
    // The reading found the codes (a broken pattern would pass with none).
    expect(codes.size).toBeGreaterThan(100);
    expect(codes).toContain("downtime_log.read");
    expect(codes).toContain("incident.close_override");
    expect(codes).toContain("notification_channel.pause");
    const missing = [...codes].filter((code) => !Object.hasOwn(auditActionPhrases, code));
    expect(missing).toEqual([]);
  });

  it("writes each phrase in sentence case, without the code's punctuation", () => {
    for (const [code, phrase] of Object.entries(auditActionPhrases)) {
      expect(phrase, code).toMatch(/^[A-Z][^_.]*$/);
      expect(phrase.slice(1), code).not.toMatch(/\b[A-Z][a-z]+ [A-Z]/);
    }
  });

  it("reads a known code as its phrase", () => {
    expect(auditActionPhrase("downtime_log.read")).toBe("Read the downtime log");
    expect(auditActionPhrase("member.sign_out_everywhere")).toBe("Signed a member out everywhere");
  });

  it("puts an unknown code into words rather than showing it raw", () => {
    expect(auditActionPhrase("fax_line.number_changed")).toBe("Fax line: number changed");
    expect(auditActionPhrase("heartbeat")).toBe("Heartbeat");
    expect(auditActionPhrase("")).toBe("");
    // Not a property of every object.
    expect(auditActionPhrase("constructor")).toBe("Constructor");
    expect(auditActionPhrase("toString")).toBe("ToString");
  });
});
