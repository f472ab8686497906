import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = path.dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  resolve: {
    alias: [
      // "server-only" throws outside a React Server Components bundler; tests run server code directly.
      { find: /^server-only$/, replacement: path.join(root, "server/test/empty-module.ts") },
      { find: /^@\//, replacement: `${root}/` },
    ],
  },
  test: {
    environment: "node",
    include: ["server/**/*.test.ts", "db/**/*.test.ts", "components/**/*.test.ts"],
    globalSetup: ["server/test/global-setup.ts"],
    setupFiles: ["server/test/setup-env.ts"],
    env: {
      AUTH_SECRET: "standby-test-secret-not-for-production-0123456789",
      SMTP_URL: "",
      PATIENT_DATA_KEY: "standby-test-patient-data-key-not-for-production",
    },
    // Files run in parallel; each builds its own MSPs with unique names and emails.
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
});
