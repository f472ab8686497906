import "server-only";
import {
  getBackupOverview,
  listRestoreTests,
  recordRestoreTest,
  removeBackupTarget,
  setBackupTarget,
  withdrawRestoreTest,
} from "@/server/services/backups";
import {
  backupTargetRefSchema,
  listRestoreTestsSchema,
  recordRestoreTestSchema,
  setBackupTargetSchema,
  withdrawRestoreTestSchema,
} from "@/server/contracts/backups";
import { once } from "@/server/services/idempotency";
import { practiceProcedure, router } from "@/server/trpc";

export const backupsRouter = router({
  overview: practiceProcedure("backups.read").query(({ ctx, input }) =>
    ctx.run((s) => getBackupOverview(s, input.practiceId)),
  ),
  setTarget: practiceProcedure("backups.write")
    .input(setBackupTargetSchema)
    .mutation(({ ctx, input }) => ctx.run((s) => setBackupTarget(s, input))),
  removeTarget: practiceProcedure("backups.write")
    .input(backupTargetRefSchema)
    .mutation(({ ctx, input }) => ctx.run((s) => removeBackupTarget(s, input))),
  recordTest: practiceProcedure("backups.write")
    .input(recordRestoreTestSchema)
    .mutation(({ ctx, input: { idempotencyKey, ...input } }) =>
      ctx.run((s) => once(s, idempotencyKey, "backup.test", () => recordRestoreTest(s, input))),
    ),
  tests: practiceProcedure("backups.read")
    .input(listRestoreTestsSchema)
    .query(({ ctx, input }) => ctx.run((s) => listRestoreTests(s, input))),
  withdrawTest: practiceProcedure("backups.write")
    .input(withdrawRestoreTestSchema)
    .mutation(({ ctx, input }) => ctx.run((s) => withdrawRestoreTest(s, input))),
});
