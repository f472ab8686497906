import { sql } from "drizzle-orm";
import { check, foreignKey, index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./members";
import { msps } from "./msps";
import { practices } from "./practices";

/**
 * Emergency ("break glass") access: an MSP admin's time-limited, reasoned right to read one
 * practice's downtime documentation logs. History: the app may add a grant, never change or delete one
 * (privileges and policies in the row-level-security migration). While a grant is live, the
 * downtime-log policy lets that admin read that practice's log; after expires_at it does not.
 */
export const emergencyAccessGrants = pgTable(
  "emergency_access_grants",
  {
    id: uuid().primaryKey().defaultRandom(),
    mspId: uuid()
      .notNull()
      .references(() => msps.id),
    practiceId: uuid().notNull(),
    userId: uuid().notNull(),
    userName: text().notNull(),
    reason: text().notNull(),
    /** The incident the admin opened it from (informational: the grant covers the practice's logs). */
    incidentId: uuid(),
    grantedAt: timestamp({ withTimezone: true }).notNull(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    index("emergency_access_grants_practice_idx").on(t.mspId, t.practiceId, t.grantedAt),
    index("emergency_access_grants_user_idx").on(t.mspId, t.userId, t.practiceId, t.expiresAt),
    foreignKey({
      columns: [t.mspId, t.practiceId],
      foreignColumns: [practices.mspId, practices.id],
    }),
    foreignKey({ columns: [t.mspId, t.userId], foreignColumns: [users.mspId, users.id] }),
    check("emergency_access_reason_given", sql`length(btrim(${t.reason})) >= 20`),
    // At most one hour: the same limit as EMERGENCY_ACCESS_MINUTES in server/domain/emergency-access.ts.
    check(
      "emergency_access_time_limited",
      sql`${t.expiresAt} > ${t.grantedAt} and ${t.expiresAt} <= ${t.grantedAt} + interval '60 minutes'`,
    ),
  ],
);
