import { index, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { msps } from "./msps";

/** One row per change, written in the same transaction as the change. */
export const auditEvents = pgTable(
  "audit_events",
  {
    id: uuid().primaryKey().defaultRandom(),
    mspId: uuid()
      .notNull()
      .references(() => msps.id),
    actorUserId: uuid(),
    actorName: text().notNull(),
    action: text().notNull(),
    entityType: text().notNull(),
    entityId: uuid(),
    practiceId: uuid(),
    summary: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("audit_events_msp_created_idx").on(t.mspId, t.createdAt.desc(), t.id),
    index("audit_events_msp_entity_idx").on(t.mspId, t.entityType, t.createdAt.desc()),
    // One entity's history, e.g. a vendor link's verifications for the quarterly figures.
    index("audit_events_entity_idx").on(t.mspId, t.entityId, t.createdAt),
  ],
);
