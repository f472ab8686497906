/** The demo logins the seed creates (server/cli/seed-demo.ts), and where each signed-in state is kept. */
export const DEMO_PASSWORD = "downtime-ready-2026";

export const demoUsers = {
  admin: "admin@summit-it.example",
  technician: "tech@summit-it.example",
  manager: "manager@lakeside.example",
  leadership: "owner@lakeside.example",
  harborAdmin: "admin@harbor-tech.example",
} as const;

export type DemoUser = keyof typeof demoUsers;

export const storageStateOf = (user: DemoUser) => `e2e/.auth/${user}.json`;

export const summitPractices = [
  "Cedar Grove Dermatology",
  "Lakeside Family Medicine",
  "Maple Street Internal Medicine",
  "Riverside Pediatrics",
];
