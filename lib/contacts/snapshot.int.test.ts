import { describe, expect, it } from "vitest";
import { db } from "@/db";
import { activities, attributeDefinitions, contactAttributeValues, contactTags, notes, tags } from "@/db/schema";
import { makeContact, unique, uniquePhone } from "@/lib/testing/factories";
import { loadContactSnapshots } from "./snapshot";

describe("loadContactSnapshots", () => {
  it("returns whole records in the order asked, with typed attribute values and counts", async () => {
    const phone = uniquePhone();
    const a = await makeContact({ firstName: "Ann" }, { phones: [phone], emails: [`${unique()}@Snap.test`] });
    const b = await makeContact({ firstName: "Bob" });
    const [tag] = await db.insert(tags).values({ name: unique("Snap ") }).returning();
    await db.insert(contactTags).values({ contactId: a.id, tagId: tag!.id });
    const [num] = await db.insert(attributeDefinitions).values({ key: unique("n_"), label: "N", type: "number" }).returning();
    const [flag] = await db.insert(attributeDefinitions).values({ key: unique("b_"), label: "B", type: "boolean" }).returning();
    await db.insert(contactAttributeValues).values([
      { contactId: a.id, attributeId: num!.id, numberValue: "12.5" },
      { contactId: a.id, attributeId: flag!.id, boolValue: false },
    ]);
    await db.insert(notes).values([{ contactId: a.id, body: "one" }, { contactId: a.id, body: "two" }]);
    await db.insert(activities).values({ contactId: a.id, type: "call", summary: "Called" });

    const [sb, sa, missing] = await loadContactSnapshots(db, [b.id, a.id, -1]);
    expect(missing).toBeUndefined();
    expect(sb!.contact.firstName).toBe("Bob");
    expect(sa!.phones.map((p) => p.e164)).toEqual([phone]);
    expect(sa!.emails[0]!.emailNormalized).toMatch(/@snap\.test$/);
    expect(sa!.tags.map((t) => t.id)).toEqual([tag!.id]);
    expect(sa!.attributes[num!.key]).toMatchObject({ type: "number", value: 12.5 });
    expect(sa!.attributes[flag!.key]).toMatchObject({ type: "boolean", value: false });
    expect([sa!.noteCount, sa!.activityCount, sb!.noteCount]).toEqual([2, 1, 0]);
  });
});
