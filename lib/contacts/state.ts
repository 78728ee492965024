import { z } from "zod";
import type { Actor } from "@/lib/audit";
import { flagSchema, idSchema, versionSchema } from "@/lib/forms";
import type { ContactSnapshot } from "./snapshot";
import { contactDisplayName } from "./display";
import { writeContact } from "./write";

export const setBlockedInput = z.object({ contactId: idSchema, version: versionSchema, blocked: flagSchema });
export const setArchivedInput = z.object({ contactId: idSchema, version: versionSchema, archived: flagSchema });
export const deleteContactInput = z.object({ contactId: idSchema });

/** Blocks or unblocks a contact, keeping when and by whom. Saying what it already is changes nothing. */
export async function setBlocked(input: z.output<typeof setBlockedInput>, actor: Actor): Promise<void> {
  await writeContact({
    contactId: input.contactId,
    expectedVersion: input.version,
    actor,
    action: input.blocked ? "contact.block" : "contact.unblock",
    run: async (_tx, before) => {
      if (before.contact.blocked === input.blocked) return { unchanged: true, result: undefined };
      return {
        patch: input.blocked
          ? { blocked: true, blockedAt: new Date(), blockedById: actor.id }
          : { blocked: false, blockedAt: null, blockedById: null },
        activities: [input.blocked ? { type: "blocked", summary: "Contact blocked" } : { type: "unblocked", summary: "Contact unblocked" }],
        result: undefined,
      };
    },
  });
}

export async function setArchived(input: z.output<typeof setArchivedInput>, actor: Actor): Promise<void> {
  await writeContact({
    contactId: input.contactId,
    expectedVersion: input.version,
    actor,
    action: input.archived ? "contact.archive" : "contact.unarchive",
    run: async (_tx, before) => {
      if (before.contact.archived === input.archived) return { unchanged: true, result: undefined };
      return {
        patch: input.archived ? { archived: true, archivedAt: new Date() } : { archived: false, archivedAt: null },
        activities: [
          input.archived ? { type: "archived", summary: "Contact archived" } : { type: "unarchived", summary: "Contact unarchived" },
        ],
        result: undefined,
      };
    },
  });
}

/**
 * Deletes a contact: it moves to Trash (SPEC §9), where it waits SWITCHBOARD_TRASH_DAYS for a Restore
 * or the purge, its identifiers still reserved. Delete forever and the purge are lib/contacts/trash.ts.
 */
export async function deleteContact(
  input: z.output<typeof deleteContactInput>,
  actor: Actor,
  /** Checked against the locked record before it goes; throws to refuse (the API's If-Match). */
  precondition?: (before: ContactSnapshot) => void,
): Promise<{ name: string }> {
  return writeContact({
    contactId: input.contactId,
    actor,
    action: "contact.delete",
    run: async (_tx, before) => {
      precondition?.(before);
      return {
        patch: { trashedAt: new Date(), trashedById: actor.id },
        activities: [{ type: "trashed", summary: "Moved to Trash" }],
        result: { name: contactDisplayName(before.contact) },
      };
    },
  });
}
