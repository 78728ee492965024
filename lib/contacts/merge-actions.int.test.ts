import { and, eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db";
import { auditLog, contacts } from "@/db/schema";
import { loadSessionUser } from "@/lib/auth/session";
import { executeAction } from "@/lib/safe-action";
import { makeContact, makeUser } from "@/lib/testing/factories";
import { mergeContactsAction, previewMergeAction } from "./merge-actions";

describe("merge actions", () => {
  it("refuses an agent, merging nothing and previewing nothing", async () => {
    const agent = await makeUser("agent");
    const [a, b] = [await makeContact(), await makeContact()];
    const session = () => loadSessionUser(agent.id);
    const input = { primaryId: a.id, contactIds: [a.id, b.id] };
    expect(await executeAction(mergeContactsAction, session, input)).toEqual({ ok: false, message: "You are not allowed to do that." });
    expect(await executeAction(previewMergeAction, session, input)).toEqual({ ok: false, message: "You are not allowed to do that." });
    expect(await db.select().from(contacts).where(inArray(contacts.id, [a.id, b.id]))).toHaveLength(2);
    expect(await db.select().from(auditLog).where(and(eq(auditLog.action, "contact.merge"), eq(auditLog.entityId, String(a.id))))).toHaveLength(0);
  });

  it("lets a supervisor preview and merge, and returns refusals as messages with field errors", async () => {
    const supervisor = await makeUser("supervisor");
    const session = () => loadSessionUser(supervisor.id);
    const [a, b] = [await makeContact({ firstName: "Ada", lastName: "Primary" }), await makeContact({ company: "B Co" })];

    const preview = await executeAction(previewMergeAction, session, { contactIds: [String(b.id), String(a.id)] });
    expect(preview.ok && preview.data?.plan.values.company).toBe("B Co");

    const tooMany = await executeAction(mergeContactsAction, session, { primaryId: a.id, contactIds: Array.from({ length: 26 }, (_, i) => a.id + i) });
    expect(tooMany).toMatchObject({ ok: false, fieldErrors: { contactIds: ["At most 25 contacts can be merged at once."] } });

    const merged = await executeAction(mergeContactsAction, session, { primaryId: a.id, contactIds: [a.id, b.id] });
    expect(merged).toEqual({ ok: true, data: { contactId: a.id, mergedContactIds: [b.id] }, message: "Merged 2 contacts into Ada Primary." });

    const again = await executeAction(mergeContactsAction, session, { primaryId: a.id, contactIds: [a.id, b.id] });
    expect(again).toMatchObject({ ok: false, message: expect.stringContaining(`Contact ${b.contactKey} was already merged into Ada Primary`) });
  });
});
