import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as getContact } from "@/app/api/v1/contacts/[contactId]/route";
import { GET as listMerges } from "@/app/api/v1/contacts/[contactId]/merges/route";
import { POST as undo } from "@/app/api/v1/contacts/[contactId]/merges/[mergeId]/undo/route";
import { db } from "@/db";
import { mergeJournals, type Contact } from "@/db/schema";
import { mergeContacts } from "@/lib/contacts/merge";
import { makeToken } from "@/lib/testing/api-tokens";
import { actorOf, makeContact, makeUser, unique, uniquePhone } from "@/lib/testing/factories";

/** GET /api/v1/contacts/{contact_id}/merges and POST …/merges/{merge_id}/undo (access by token kind: lib/auth/access-routes.int.test.ts). */
let auth: Record<string, string>;
let actor: ReturnType<typeof actorOf>;
beforeAll(async () => {
  const admin = await makeUser("admin");
  actor = actorOf(admin);
  auth = { authorization: `Bearer ${(await makeToken(admin, "write", unique("Undoer "))).secret}` };
});

const base = "http://localhost/api/v1/contacts";
const list = (key: string) => listMerges(new Request(`${base}/${key}/merges`, { headers: auth }), { params: Promise.resolve({ contactId: key }) });
const post = (key: string, mergeId: string) =>
  undo(new Request(`${base}/${key}/merges/${mergeId}/undo`, { method: "POST", headers: auth }), { params: Promise.resolve({ contactId: key, mergeId }) });
const get = (key: string) => getContact(new Request(`${base}/${key}`, { headers: auth }), { params: Promise.resolve({ contactId: key }) });

async function merged(): Promise<{ a: Contact; b: Contact; mergeId: string }> {
  const a = await makeContact({ firstName: "Ada" }, { phones: [uniquePhone()] });
  const b = await makeContact({ firstName: "Bea" }, { phones: [uniquePhone()] });
  await mergeContacts({ primaryId: a.id, contactIds: [a.id, b.id] }, actor);
  const [journal] = await db.select({ id: mergeJournals.id }).from(mergeJournals).where(eq(mergeJournals.primaryId, a.id));
  return { a, b, mergeId: String(journal!.id) };
}

describe("merge undo over the REST API", () => {
  it("lists the merge, undoes it, and the merged-away Contact ID answers as itself again", async () => {
    const { a, b, mergeId } = await merged();
    expect((await get(b.contactKey)).status).toBe(308);
    const listed = (await (await list(a.contactKey)).json()) as { data: { id: number; merged_at: string; undo_until: string; merged_contact_ids: string[] }[] };
    expect(listed.data).toHaveLength(1);
    const [m] = listed.data;
    expect(m).toMatchObject({ id: Number(mergeId), merged_contact_ids: [b.contactKey] });
    expect(Date.parse(m!.undo_until) - Date.parse(m!.merged_at)).toBe(30 * 24 * 3600 * 1000);

    const response = await post(a.contactKey, mergeId);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ contact_id: a.contactKey, restored_contact_ids: [b.contactKey], not_restored: [] });
    expect((await get(b.contactKey)).status).toBe(200);
    expect(((await (await list(a.contactKey)).json()) as { data: unknown[] }).data).toEqual([]);

    const again = await post(a.contactKey, mergeId);
    expect(again.status).toBe(409);
    expect(((await again.json()) as { error: { message: string } }).error.message).toBe("This merge was already undone.");
  });

  it("answers 404 for a merge into another contact, or no merge at all, and undoes nothing", async () => {
    const { b, mergeId } = await merged();
    const other = await makeContact();
    const response = await post(other.contactKey, mergeId);
    expect(response.status).toBe(404);
    expect((await post(other.contactKey, "999999999")).status).toBe(404);
    expect((await post(other.contactKey, "abc")).status).toBe(404);
    expect((await get(b.contactKey)).status).toBe(308);
  });
});
