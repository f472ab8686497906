import { provisionTestDatabase } from "@/db/test-database";
import { hashPassword } from "@/server/services/passwords";
import { largeMsp, seedBenchMsp } from "./bench-data";
const database = await provisionTestDatabase("standby_benchdev");
const hash = await hashPassword("bench-downtime-ready-2026");
const large = await seedBenchMsp(database.ownerUrl, "Bench large MSP", "admin@bench-large.example", hash, largeMsp);
const small = await seedBenchMsp(database.ownerUrl, "Bench small MSP", "admin@bench-small.example", hash, { ...largeMsp, practices: 200 });
console.log(JSON.stringify({ ...database, large, small }));
process.exit(0);
