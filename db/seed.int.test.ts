import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db";
import { DEMO_USERS, seedDemo } from "./seed";

async function counts() {
  const rows = await db.execute<{ name: string; n: string }>(sql`
    select 'contacts' as name, count(*) as n from contacts where contact_key like 'DEMO-%'
    union all select 'users', count(*) from users where email like '%@example.com'
    union all select 'types', count(distinct type) from attribute_definitions
    union all select 'dup_names', count(*) from (select full_name from contacts where contact_key like 'DEMO-%' group by 1 having count(*) > 1) d
    union all select 'countries', count(distinct country) from contacts where contact_key like 'DEMO-%'`);
  return Object.fromEntries(rows.map((r) => [r.name, Number(r.n)]));
}

describe("demo seed", () => {
  it("builds a believable workspace and changes nothing when run again", async () => {
    await seedDemo(db, { contacts: 120 });
    const first = await counts();
    expect(first.contacts).toBe(120);
    expect(first.users).toBe(DEMO_USERS.length);
    expect(first.types).toBe(5);
    expect(first.dup_names).toBeGreaterThan(0);
    expect(first.countries).toBeGreaterThan(2);
    const again = await seedDemo(db, { contacts: 120 });
    expect(again.created).toBe(0);
    expect(await counts()).toEqual(first);
  });
});
