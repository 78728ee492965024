import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db";
import { activities, attributeDefinitions, auditLog } from "@/db/schema";
import { actAs } from "@/lib/testing/act-as";
import { makeContact, makeUser, unique } from "@/lib/testing/factories";
import { contactActions } from "./actions";
import { loadContactSnapshot } from "./snapshot";

async function dropdown() {
  const [def] = await db.insert(attributeDefinitions).values({ key: unique("plan_"), label: unique("Plan "), type: "dropdown", options: ["Free", "Pro"] }).returning();
  return def!;
}

const auditCount = (id: number) => db.$count(auditLog, and(eq(auditLog.entityType, "contact"), eq(auditLog.entityId, String(id))));

describe("the profile's Attributes card, saved at once", () => {
  it("saves default fields and custom attributes in one write: one version, one audit entry, an event per change", async () => {
    const agent = await makeUser("agent");
    const plan = await dropdown();
    const c = await makeContact({ jobTitle: "Clerk", city: "Paris" });
    const result = await actAs(agent, contactActions.updateAttributes, {
      contactId: c.id,
      version: c.version,
      fields: { jobTitle: "CTO", city: "", leadStage: "customer" },
      attributes: { [plan.id]: "Pro" },
    });
    expect(result).toEqual({ ok: true, message: "Saved." });
    const after = (await loadContactSnapshot(db, c.id))!;
    expect(after.contact).toMatchObject({ jobTitle: "CTO", city: null, leadStage: "customer", version: c.version + 1 });
    expect(after.attributes[plan.key]?.value).toBe("Pro");
    expect(await auditCount(c.id)).toBe(1);
    const events = await db.select({ summary: activities.summary }).from(activities).where(eq(activities.contactId, c.id));
    expect(events.map((e) => e.summary).sort()).toEqual(["City cleared", "Job title set to “CTO”", "Lead stage set to Customer", `${plan.label} set to “Pro”`].sort());
  });

  it("refuses the whole when any value is refused, naming every refused field, and writes nothing", async () => {
    const agent = await makeUser("agent");
    const plan = await dropdown();
    const c = await makeContact({ jobTitle: "Clerk" });
    const result = await actAs(agent, contactActions.updateAttributes, {
      contactId: c.id,
      version: c.version,
      fields: { jobTitle: "CTO", country: "XX" },
      attributes: { [plan.id]: "Enterprise" },
    });
    expect(result).toMatchObject({
      ok: false,
      message: "Please correct the highlighted fields.",
      fieldErrors: { "fields.country": [expect.stringContaining("is not a country")], [`attributes.${plan.id}`]: [expect.any(String)] },
    });
    const after = (await loadContactSnapshot(db, c.id))!;
    expect(after.contact).toMatchObject({ jobTitle: "Clerk", version: c.version });
    expect(after.attributes[plan.key]).toBeUndefined();
    expect(await auditCount(c.id)).toBe(0);
  });

  it("refuses a save based on an older version, and says no change when nothing changed", async () => {
    const agent = await makeUser("agent");
    const c = await makeContact({ jobTitle: "Clerk" });
    expect(await actAs(agent, contactActions.updateAttributes, { contactId: c.id, version: c.version, fields: { jobTitle: "Clerk" } })).toEqual({ ok: true, message: "No change." });
    expect((await actAs(agent, contactActions.updateAttributes, { contactId: c.id, version: c.version, fields: { jobTitle: "CTO" } })).ok).toBe(true);
    expect(await actAs(agent, contactActions.updateAttributes, { contactId: c.id, version: c.version, fields: { jobTitle: "Intern" } })).toMatchObject({ ok: false, details: { reason: "stale" } });
    expect(await actAs(agent, contactActions.updateAttributes, { contactId: c.id, version: c.version + 1, fields: { contactKey: "X" } })).toMatchObject({ ok: false });
  });
});
