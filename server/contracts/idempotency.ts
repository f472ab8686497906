import { z } from "zod";

/** Sent by the client once per user action, and again with every retry of that action (see idempotency.ts). */
export const idempotencyKeySchema = z.uuid("The request key must be a UUID.").optional();
