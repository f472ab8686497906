/** npm run db:seed — seeds the demo MSPs into DATABASE_URL if it has no MSP yet. */
import { DEMO_PASSWORD, demoLogins, seedDemo } from "./seed-demo";

const url = process.env.DATABASE_URL;
if (!url) {
  console.error("Set DATABASE_URL to the owner connection of Standby's database.");
  process.exit(1);
}
if (await seedDemo(url)) {
  console.log(`Demo data seeded. Password for every demo login: ${DEMO_PASSWORD}`);
  for (const login of demoLogins) console.log(`  ${login.email.padEnd(28)} ${login.role}`);
} else {
  console.log("The database already has an MSP; nothing seeded.");
}
