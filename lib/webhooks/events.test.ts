import { describe, expect, it } from "vitest";
import { webhookEventFor, webhookEventOf, webhookEventsFor } from "./events";

const snap = (id: number, contactKey: string) => ({ contact: { id, contactKey } });

describe("audit actions as webhook events", () => {
  it("maps the contact actions to their events and leaves the rest out", () => {
    expect(webhookEventOf("contact.create")).toBe("contact.created");
    expect(webhookEventOf("contact.phone.add")).toBe("contact.updated");
    expect(webhookEventOf("contact.block")).toBe("contact.blocked");
    expect(webhookEventOf("contact.unblock")).toBe("contact.unblocked");
    expect(webhookEventOf("contact.restore")).toBe("contact.updated");
    for (const quiet of ["contact.note.add", "contact.activity.add", "tag.create", "toString", "import.batch"]) expect(webhookEventOf(quiet)).toBeNull();
  });

  it("says which contact, by its Contact ID, from the entry's after or (deleted) before", () => {
    expect(webhookEventFor({ action: "contact.update", before: snap(1, "C-1"), after: snap(1, "C-1") })).toEqual({ type: "contact.updated", data: { contact_id: "C-1" } });
    expect(webhookEventFor({ action: "contact.delete", before: snap(2, "C-2"), after: null })).toEqual({ type: "contact.deleted", data: { contact_id: "C-2" } });
  });

  it("names the merged contacts of a merge", () => {
    const entry = {
      action: "contact.merge",
      before: { primaryId: 1, contacts: [snap(1, "C-1"), snap(2, "C-2"), snap(3, "C-3")] },
      after: { contact: snap(1, "C-1"), mergedContactIds: [2, 3] },
    };
    expect(webhookEventFor(entry)).toEqual({ type: "contact.merged", data: { contact_id: "C-1", merged_contact_ids: ["C-2", "C-3"] } });
  });

  it("a merge undo: contact.created for each contact back, with the contact it left, and contact.updated for that one", () => {
    const entry = { action: "contact.merge_undo", after: { journalId: 7, contactKey: "C-1", restoredContactIds: [2, 3], restoredContactKeys: ["C-2", "C-3"], notRestored: [] } };
    expect(webhookEventsFor(entry)).toEqual([
      { type: "contact.created", data: { contact_id: "C-2", unmerged_from: "C-1" } },
      { type: "contact.created", data: { contact_id: "C-3", unmerged_from: "C-1" } },
      { type: "contact.updated", data: { contact_id: "C-1" } },
    ]);
    // Entries of one event are a list of one; quiet ones an empty list.
    expect(webhookEventsFor({ action: "contact.update", after: snap(1, "C-1") })).toEqual([{ type: "contact.updated", data: { contact_id: "C-1" } }]);
    expect(webhookEventsFor({ action: "contact.note.add", after: snap(1, "C-1") })).toEqual([]);
  });
});
