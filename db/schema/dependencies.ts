import { sql } from "drizzle-orm";
import {
  check,
  foreignKey,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { msps } from "./msps";
import { practices, practiceSites } from "./practices";
import { vendors } from "./vendors";

export const criticality = pgEnum("criticality", ["critical", "important", "minor"]);

/** A system a practice runs on: the EHR, an internet circuit, the firewall, the phones… */
export const systems = pgTable(
  "systems",
  {
    id: uuid().primaryKey().defaultRandom(),
    mspId: uuid()
      .notNull()
      .references(() => msps.id),
    practiceId: uuid().notNull(),
    name: text().notNull(),
    category: text().notNull(),
    criticality: criticality().notNull(),
    owner: text().notNull().default(""),
    vendorId: uuid(),
    siteId: uuid(),
    notes: text().notNull().default(""),
    version: integer().notNull().default(1),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("systems_practice_idx").on(t.mspId, t.practiceId, t.name),
    unique("systems_msp_id_key").on(t.mspId, t.id),
    uniqueIndex("systems_practice_name_key").on(t.mspId, t.practiceId, sql`lower(${t.name})`),
    foreignKey({
      columns: [t.mspId, t.practiceId],
      foreignColumns: [practices.mspId, practices.id],
    }),
    foreignKey({ columns: [t.mspId, t.vendorId], foreignColumns: [vendors.mspId, vendors.id] }),
    foreignKey({ columns: [t.siteId], foreignColumns: [practiceSites.id] }).onDelete("set null"),
  ],
);

/** "system depends on dependsOn". */
export const systemDependencies = pgTable(
  "system_dependencies",
  {
    mspId: uuid()
      .notNull()
      .references(() => msps.id),
    practiceId: uuid().notNull(),
    systemId: uuid().notNull(),
    dependsOnId: uuid().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.mspId, t.systemId, t.dependsOnId] }),
    index("system_dependencies_practice_idx").on(t.mspId, t.practiceId),
    foreignKey({
      columns: [t.mspId, t.systemId],
      foreignColumns: [systems.mspId, systems.id],
    }).onDelete("cascade"),
    foreignKey({
      columns: [t.mspId, t.dependsOnId],
      foreignColumns: [systems.mspId, systems.id],
    }).onDelete("cascade"),
    check("system_dependencies_not_self", sql`${t.systemId} <> ${t.dependsOnId}`),
  ],
);

/** Two systems that can stand in for each other (two internet circuits). Stored once, a < b. */
export const systemRedundancies = pgTable(
  "system_redundancies",
  {
    mspId: uuid()
      .notNull()
      .references(() => msps.id),
    practiceId: uuid().notNull(),
    systemAId: uuid().notNull(),
    systemBId: uuid().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.mspId, t.systemAId, t.systemBId] }),
    index("system_redundancies_practice_idx").on(t.mspId, t.practiceId),
    foreignKey({
      columns: [t.mspId, t.systemAId],
      foreignColumns: [systems.mspId, systems.id],
    }).onDelete("cascade"),
    foreignKey({
      columns: [t.mspId, t.systemBId],
      foreignColumns: [systems.mspId, systems.id],
    }).onDelete("cascade"),
    check("system_redundancies_ordered", sql`${t.systemAId} < ${t.systemBId}`),
  ],
);
