// No "server-only" marker: the seed script (plain Node) hashes the demo passwords with this too.
import { hash, verify, type Algorithm } from "@node-rs/argon2";

/** argon2id at OWASP's recommended minimum: 19 MiB of memory, 2 iterations, 1 lane. */
const argon2idOptions = {
  algorithm: 2 as Algorithm,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
};

export function hashPassword(password: string): Promise<string> {
  return hash(password, argon2idOptions);
}

// Verified against when the email is unknown, so a missing account takes as long as a wrong password.
let decoyHash: Promise<string> | undefined;

export async function verifyPassword(
  passwordHash: string | null,
  password: string,
): Promise<boolean> {
  if (!passwordHash) {
    decoyHash ??= hashPassword("decoy password that never matches anything");
    await verify(await decoyHash, password);
    return false;
  }
  return verify(passwordHash, password);
}
