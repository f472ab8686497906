/**
 * Runs in every test worker before the test file is imported, so db/client's lazy pool connects to
 * this run's database: DATABASE_URL is the owner (fixtures), APP_DATABASE_URL the app role (RLS).
 */
import { afterAll, inject } from "vitest";
import { closeDb } from "@/db/client";
import { closeOwnerDb } from "./owner-db";

process.env.DATABASE_URL = inject("databaseUrl");
process.env.APP_DATABASE_URL = inject("appDatabaseUrl");

afterAll(async () => {
  await Promise.all([closeDb(), closeOwnerDb()]);
});
