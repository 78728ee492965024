import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db";
import { auditLog } from "@/db/schema";
import { actAs } from "@/lib/testing/act-as";
import { makeUser } from "@/lib/testing/factories";
import { settingsActions } from "./actions";
import { getMergeSettings } from "./merge-settings";

// Only this file changes the suite database's merge settings; the upsert's tests use a database of their own.
describe("settings → merge settings", () => {
  it("an admin saves both settings, audited, and reads them back", async () => {
    const admin = await makeUser("admin");
    const before = await getMergeSettings();
    expect(await actAs(admin, settingsActions.updateMergeSettings, { leads: "email", contacts: "never" })).toEqual({ ok: true, message: "Merge settings saved." });
    expect(await getMergeSettings()).toEqual({ leads: "email", contacts: "never" });
    const [entry] = await db.select().from(auditLog).where(and(eq(auditLog.action, "workspace.merge_settings.update"), eq(auditLog.actorId, admin.id)));
    expect(entry).toMatchObject({
      entityType: "workspace",
      before: { mergeStrategyLeads: before.leads, mergeStrategyContacts: before.contacts },
      after: { mergeStrategyLeads: "email", mergeStrategyContacts: "never" },
    });
    expect(await actAs(admin, settingsActions.updateMergeSettings, { leads: "phone_and_email", contacts: "phone" })).toMatchObject({ ok: true });
    expect(await getMergeSettings()).toEqual({ leads: "phone_and_email", contacts: "phone" });
  });

  it("refuses a value that is not one of the four", async () => {
    const admin = await makeUser("admin");
    const before = await getMergeSettings();
    expect(await actAs(admin, settingsActions.updateMergeSettings, { leads: "name", contacts: "phone" })).toMatchObject({
      ok: false,
      fieldErrors: { leads: ["Pick one of the options."] },
    });
    expect(await getMergeSettings()).toEqual(before);
  });

  it.each(["agent", "supervisor"] as const)("refuses a %s and changes nothing", async (role) => {
    const user = await makeUser(role);
    const before = await getMergeSettings();
    const other = before.leads === "never" ? "email" : "never";
    expect(await actAs(user, settingsActions.updateMergeSettings, { leads: other, contacts: other })).toEqual({ ok: false, message: "You are not allowed to do that." });
    expect(await getMergeSettings()).toEqual(before);
  });
});
