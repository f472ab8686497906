import { readFileSync } from "node:fs";
import { createTwoFilesPatch } from "diff";
import { inject, test } from "vitest";
import { POLICIES_FILE, REGENERATE_COMMAND, renderPoliciesOf } from "./policies";

test(`${POLICIES_FILE} is what the migrations leave in the database`, async () => {
  // The run's database was migrated from scratch by server/test/global-setup.ts.
  const actual = await renderPoliciesOf(inject("databaseUrl"));
  const committed = readFileSync(POLICIES_FILE, "utf8");
  if (actual !== committed) {
    const diff = createTwoFilesPatch(
      `${POLICIES_FILE} (committed)`,
      `${POLICIES_FILE} (from the migrations)`,
      committed,
      actual,
      "",
      "",
      { context: 2 },
    );
    throw new Error(
      `${POLICIES_FILE} does not match the migrated database. If the migrations are right, regenerate it with \`${REGENERATE_COMMAND}\` and review the change.\n\n${diff}`,
    );
  }
});
