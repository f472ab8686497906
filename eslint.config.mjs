import nextVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";
import drizzle from "eslint-plugin-drizzle";

/** Scripts (npm start, test, seed, bench, load) are not app code: nothing the app runs imports them. */
const noScripts = { group: ["@/server/cli", "@/server/cli/*"], message: "server/cli holds scripts; app code does not import them." };

const config = [
  ...nextVitals,
  ...nextTypescript,
  { ignores: [".next/**", ".data/**", "node_modules/**", "test-results/**", "playwright-report/**", "next-env.d.ts"] },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" }],
    },
  },
  {
    files: ["server/**", "db/**", "proxy.ts"],
    ignores: ["server/cli/**", "server/test/**", "**/*.test.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [noScripts] }],
    },
  },
  {
    // Data flows page → procedure → service → database: pages and components never touch db/.
    files: ["app/**", "components/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: ["@/db", "@/db/*"], message: "Pages and components reach data through tRPC procedures, not db/." }, noScripts] },
      ],
    },
  },
  {
    // Pure domain rules: no database, no framework.
    files: ["server/domain/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              // db/schema/values.ts is plain tuples (the enums' values) with no imports: the one exception.
              regex: "^@/db(?!/schema/values$)(/|$)",
              message: "server/domain holds pure functions only.",
            },
            { group: ["next", "next/*", "drizzle-orm", "drizzle-orm/*"], message: "server/domain holds pure functions only." },
            noScripts,
          ],
        },
      ],
    },
  },
  {
    files: ["server/**", "db/**"],
    plugins: { drizzle },
    rules: {
      "drizzle/enforce-update-with-where": ["error", { drizzleObjectName: ["tx", "db"] }],
      "drizzle/enforce-delete-with-where": ["error", { drizzleObjectName: ["tx", "db"] }],
    },
  },
];

export default config;
