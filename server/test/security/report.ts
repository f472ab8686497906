/**
 * Writes one `## …` section of SECURITY.md at the repository root, replacing that section's previous
 * text and keeping every other section (other suites and people write theirs). Test files run in
 * parallel, so the read-modify-write holds a lock directory while it runs.
 */
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, rmdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const file = path.join(process.cwd(), "SECURITY.md");
// Outside the repository, so that a lock left by a killed run is never committed.
const lock = path.join(
  tmpdir(),
  `standby-security-md-${createHash("sha256").update(file).digest("hex").slice(0, 12)}.lock`,
);
const preamble =
  "# Security\n\nHow Standby keeps tenants apart and refuses bad input, with the figures measured by the test suite.\n";

function replaceSection(text: string, heading: string, body: string): string {
  const section = `## ${heading}\n\n${body.trim()}\n`;
  const lines = text.split("\n");
  const start = lines.findIndex((line) => line.trim() === `## ${heading}`);
  if (start === -1) return `${text.trimEnd()}\n\n${section}`;
  let end = lines.findIndex((line, index) => index > start && line.startsWith("## "));
  if (end === -1) end = lines.length;
  return [
    ...lines.slice(0, start),
    ...section.split("\n"),
    ...(end < lines.length ? lines.slice(end) : []),
  ]
    .join("\n")
    .replace(/\n{3,}/g, "\n\n");
}

async function withLock<T>(fn: () => T): Promise<T> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // Still held after ten seconds: a killed run left it behind; go on without it.
      if (Date.now() > deadline) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  try {
    return fn();
  } finally {
    try {
      rmdirSync(lock);
    } catch {
      // already gone
    }
  }
}

export async function writeSecuritySection(heading: string, body: string): Promise<void> {
  await withLock(() => {
    let text: string;
    try {
      text = readFileSync(file, "utf8");
    } catch {
      text = preamble;
    }
    writeFileSync(file, `${replaceSection(text, heading, body).trimEnd()}\n`);
  });
}
