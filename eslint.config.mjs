import nextVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";
import drizzle from "eslint-plugin-drizzle";

/** Scripts (npm start, test, seed, bench, load) are not app code: nothing the app runs imports them. */
const noScripts = {
  group: ["@/server/cli", "@/server/cli/*"],
  message: "server/cli holds scripts; app code does not import them.",
};

/** server/ never imports the browser's rooms. */
const noUi = {
  group: ["@/components", "@/components/*", "@/app", "@/app/*"],
  message: "server/ does not import components/ or app/.",
};

const config = [
  ...nextVitals,
  ...nextTypescript,
  {
    ignores: [
      ".next/**",
      ".data/**",
      "node_modules/**",
      "test-results/**",
      "playwright-report/**",
      "next-env.d.ts",
    ],
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" },
      ],
    },
  },
  // The layering, one way down (README "How it is built"):
  //   app/ (pages, route handlers) → components/ → server/routers → server/services → db/
  //   server/domain (pure rules) and server/contracts (zod inputs/outputs) sit below services;
  //   contracts sit below domain and import only zod, other contracts and db/schema/values.
  // db/ never imports server/; server/ never imports components/ or app/; routers never touch db/ or
  // drizzle (they call services); pages never touch db/; components reach server/ only through the
  // contracts, the tRPC client types (type-only), server actions, the pure domain rules and the
  // permission table. Scripts (server/cli) and tests are outside these rules.
  {
    files: ["server/**", "proxy.ts"],
    ignores: ["server/cli/**", "server/test/**", "**/*.test.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [noScripts, noUi] }],
    },
  },
  {
    // The RSC tRPC caller shares the browser's query-client defaults: the one import of components/.
    files: ["server/rsc.tsx"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            noScripts,
            { regex: "^@/(components(?!/trpc/query-client$)|app)(/|$)", message: noUi.message },
          ],
        },
      ],
    },
  },
  {
    files: ["db/**"],
    ignores: ["**/*.test.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["@/server", "@/server/*"],
              message: "db/ is the bottom floor: it does not import server/.",
            },
            noScripts,
            noUi,
          ],
        },
      ],
    },
  },
  {
    // Routers validate input, check who may call (procedure builders) and call one service function.
    files: ["server/routers/**"],
    ignores: ["**/*.test.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["@/db", "@/db/*", "drizzle-orm", "drizzle-orm/*"],
              message: "Routers call services; queries live in server/services.",
            },
            noScripts,
            noUi,
          ],
        },
      ],
    },
  },
  {
    // Data flows page → procedure → service → database: pages and components never touch db/.
    files: ["app/**", "components/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["@/db", "@/db/*"],
              message: "Pages and components reach data through tRPC procedures, not db/.",
            },
            noScripts,
          ],
          paths: [
            {
              name: "next/link",
              message: "Use @/components/ui/link: it prefetches on intent, not every link in view.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["components/ui/link.tsx"],
    rules: { "no-restricted-imports": "off" },
  },
  {
    // Components run in the browser (or render on the server as plain views): from server/ they may
    // import the contracts, server actions, the pure domain rules, the permission table and the
    // packet's shared formatter; anything else only as a type (the tRPC router type, service results).
    files: ["components/**"],
    ignores: ["components/incidents/list/options.ts"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              regex:
                "^@/server(?!/(contracts|actions|domain)/|/permissions$|/documents/packet-format$)(/|$)",
              allowTypeImports: true,
              message:
                "Components import server/contracts (or a type); data comes through tRPC, writes through server actions.",
            },
          ],
        },
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
            {
              group: ["next", "next/*", "drizzle-orm", "drizzle-orm/*"],
              message: "server/domain holds pure functions only.",
            },
            {
              group: [
                "@/server/services",
                "@/server/services/*",
                "@/server/routers",
                "@/server/routers/*",
              ],
              message: "server/domain sits below services and routers.",
            },
            noScripts,
            noUi,
          ],
        },
      ],
    },
  },
  {
    // The contracts shared with the browser: zod, other contracts and the enums' plain values, nothing else.
    files: ["server/contracts/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              regex: "^(@/(?!server/contracts/|db/schema/values$)|\\.\\./)",
              message: "server/contracts imports only zod, other contracts and db/schema/values.",
            },
            {
              group: ["next", "next/*", "drizzle-orm", "drizzle-orm/*", "server-only"],
              message: "server/contracts is loaded by the browser too.",
            },
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
