/** npm run db:migrate — applies migrations to DATABASE_URL (as its owner). */
import { migrateDatabase } from "../migrate";

const url = process.env.DATABASE_URL;
if (!url) {
  console.error("Set DATABASE_URL to the owner connection of Standby's database.");
  process.exit(1);
}
await migrateDatabase(url, process.env.APP_DATABASE_PASSWORD);
console.log("Migrations applied.");
