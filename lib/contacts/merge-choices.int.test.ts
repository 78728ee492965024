import { describe, expect, it } from "vitest";
import { makeContact, makeUser, unique } from "@/lib/testing/factories";
import { previewMerge } from "./merge";
import { mergeChoices } from "./merge-choices";

const at = (iso: string) => new Date(`${iso}T12:00:00Z`);

describe("the merge preview's choices", () => {
  it("tell duplicates apart by Contact ID and last update, and name the favorite agent", async () => {
    const last = unique("Gupta");
    const [priya, omar] = [await makeUser("agent", { name: unique("Priya ") }), await makeUser("agent", { name: unique("Omar ") })];
    // The same name and company on both: what the options used to repeat for every value.
    const a = await makeContact({ firstName: "Aisha", lastName: last, company: "Acme Retail", jobTitle: "Buyer", favoriteAgentId: priya.id, createdAt: at("2024-01-01"), updatedAt: at("2025-03-04") });
    const b = await makeContact({ firstName: "Aisha", lastName: last, company: "Acme Retail", jobTitle: "Head buyer", favoriteAgentId: omar.id, createdAt: at("2024-02-01"), updatedAt: at("2025-06-07") });

    const preview = await previewMerge([a.id, b.id]);
    expect(preview.userNames).toEqual({ [String(priya.id)]: priya.name, [String(omar.id)]: omar.name });

    const field = (id: string) => preview.plan.fields.find((f) => f.id === id)!;
    expect(mergeChoices(field("jobTitle"), preview.contacts, preview.userNames)).toEqual([
      { contactId: a.id, value: "Buyer", sources: [{ contactId: a.id, contactKey: a.contactKey, updatedAt: "2025-03-04T12:00:00.000Z" }] },
      { contactId: b.id, value: "Head buyer", sources: [{ contactId: b.id, contactKey: b.contactKey, updatedAt: "2025-06-07T12:00:00.000Z" }] },
    ]);
    const agents = mergeChoices(field("favoriteAgent"), preview.contacts, preview.userNames);
    expect(agents.map((c) => c.value)).toEqual([priya.name, omar.name]);
    expect(agents.map((c) => c.contactId)).toEqual([a.id, b.id]);
    // No conflict where they agree: one choice naming both contacts.
    expect(field("company").conflict).toBe(false);
    expect(mergeChoices(field("company"), preview.contacts, preview.userNames)[0]!.sources.map((s) => s.contactKey)).toEqual([a.contactKey, b.contactKey]);
  });

  it("has no names to look up when no contact has a favorite agent", async () => {
    const [a, b] = [await makeContact({ company: "X" }), await makeContact({ company: "Y" })];
    expect((await previewMerge([a.id, b.id])).userNames).toEqual({});
  });
});
