import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/routers/_app";

type Outputs = inferRouterOutputs<AppRouter>;

export type BackupOverview = Outputs["backups"]["overview"];
export type BackupSystem = BackupOverview["systems"][number];
export type TrackedSystem = BackupSystem & {
  target: NonNullable<BackupSystem["target"]>;
  status: NonNullable<BackupSystem["status"]>;
};
export type RestoreTestRow = Outputs["backups"]["tests"]["items"][number];
export type RecordedTest = Outputs["backups"]["recordTest"];
export type ProposedRisk = NonNullable<RecordedTest["risk"]>;

/** History page size, shared by the server page (prefetch) and the client list (same query key). */
export const TESTS_PAGE_SIZE = 10;

export const isTracked = (system: BackupSystem): system is TrackedSystem =>
  system.target !== null && system.status !== null;
