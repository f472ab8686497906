import nextVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";
import drizzle from "eslint-plugin-drizzle";

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
    // Data flows page → procedure → service → database: pages and components never touch db/.
    files: ["app/**", "components/**"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ group: ["@/db", "@/db/*"], message: "Pages and components reach data through tRPC procedures, not db/." }] }],
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
