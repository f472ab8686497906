/**
 * vitest globalSetup: one fresh, migrated database per run, dropped afterwards.
 * Workers receive its URLs through provide/inject (see setup-env.ts).
 */
import type { TestProject } from "vitest/node";
import { provisionTestDatabase } from "@/db/test-database";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
    appDatabaseUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const database = await provisionTestDatabase("standby_test");
  project.provide("databaseUrl", database.ownerUrl);
  project.provide("appDatabaseUrl", database.appUrl);
  return async () => {
    await database.drop();
  };
}
