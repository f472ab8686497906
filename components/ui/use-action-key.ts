"use client";
import { useCallback, useState } from "react";
import { v4 as uuidv4 } from "uuid";

/**
 * The idempotency key of one user action: the same key goes with every retry of the action (a
 * double tap, "Try again" after a lost connection), so the server creates it once; a new key once it
 * succeeded. uuid rather than crypto.randomUUID, which browsers offer only on https.
 */
export function useActionKey() {
  const [key, setKey] = useState(() => uuidv4());
  const renew = useCallback(() => setKey(uuidv4()), []);
  return { key, renew };
}
