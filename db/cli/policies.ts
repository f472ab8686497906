/**
 * npm run db:policies — rewrites db/policies.sql from a freshly migrated database: one created for
 * the purpose on TEST_DATABASE_URL's server (an owner or superuser URL), or on an embedded
 * PostgreSQL when it is unset, and dropped afterwards.
 */
import { writeFile } from "node:fs/promises";
import { POLICIES_FILE, renderPoliciesOf } from "../policies";
import { provisionTestDatabase } from "../test-database";

const database = await provisionTestDatabase("standby_policies");
try {
  await writeFile(POLICIES_FILE, await renderPoliciesOf(database.ownerUrl));
  console.log(`${POLICIES_FILE} written from a freshly migrated database.`);
} finally {
  await database.drop();
}
