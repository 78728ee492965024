import { connect } from "./client";
import { runMigrations } from "./migrate";
import { seedDemo } from "./seed";

const url = process.env.DATABASE_URL;
if (!url) {
  console.error("Set DATABASE_URL (npm start seeds the embedded database by itself).");
  process.exit(1);
}
await runMigrations(url);
const { sql, db } = connect(url);
const { created } = await seedDemo(db);
console.log(created ? `Seeded ${created} demo contacts.` : "Demo data already present; nothing changed.");
await sql.end();
