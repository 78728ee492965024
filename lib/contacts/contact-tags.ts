import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { db } from "@/db";
import { contactTags, tags, type Tag } from "@/db/schema";
import { scopeAllows, type ApiScope } from "@/lib/api-tokens/tokens";
import type { Actor } from "@/lib/audit";
import { can } from "@/lib/auth/permissions";
import type { CurrentUser } from "@/lib/auth/session";
import { ConflictError, ForbiddenError, isUniqueViolation, NotFoundError, ValidationError } from "@/lib/errors";
import { idSchema, versionSchema } from "@/lib/forms";
import { DEFAULT_TAG_COLOR, findTagByName, insertTag, tagNameSchema } from "@/lib/tags/tags";
import { writeContact } from "./write";

export const addContactTagInput = z.object({ contactId: idSchema, version: versionSchema, name: tagNameSchema });
export const removeContactTagInput = z.object({ contactId: idSchema, version: versionSchema, tagId: idSchema });

export const ONLY_ADMINS_CREATE_TAGS = "Only admins can create tags. Pick an existing tag.";

/** Who tags: a signed-in user (by role) or an API token (by scope). Creating a tag is an admin's either way (SPEC §1, §7). */
export type Tagger = Pick<CurrentUser, "role"> | { scope: ApiScope };

function mayCreateTags(who: Tagger): boolean {
  return "role" in who ? can(who.role, "tags.create") : scopeAllows(who.scope, "admin");
}

export interface TagAdded {
  tag: Tag;
  tagId: number;
  /** The tag did not exist and was made. */
  created: boolean;
  /** False when the contact already had it (and `ifTagged` is "keep"). */
  added: boolean;
}

export interface TagContactOptions {
  /**
   * A contact that already has the tag: "refuse" (the profile's picker, where it is a mistake) or
   * "keep" (the API's PUT, which states the end result and so may be repeated).
   */
  ifTagged?: "refuse" | "keep";
}

/**
 * Tags a contact by tag name (matched case-insensitively). A name no tag has yet creates the tag,
 * which only admins (and admin tokens) may do. `version` is left out by the API, where adding a tag
 * cannot undo anyone's edit.
 */
export async function addContactTag(
  input: Omit<z.output<typeof addContactTagInput>, "version"> & { version?: number },
  who: Tagger,
  actor: Actor,
  options: TagContactOptions = {},
): Promise<TagAdded> {
  try {
    return await writeContact<TagAdded>({
      contactId: input.contactId,
      expectedVersion: input.version,
      actor,
      action: "contact.tag.add",
      run: async (tx, before) => {
        let tag = await findTagByName(tx, input.name);
        const created = !tag;
        if (!tag) {
          if (!mayCreateTags(who)) throw new ForbiddenError(`There is no tag “${input.name}”. ${ONLY_ADMINS_CREATE_TAGS}`);
          tag = await insertTag(tx, { name: input.name, color: DEFAULT_TAG_COLOR }, actor);
        }
        if (before.tags.some((t) => t.id === tag.id)) {
          if (options.ifTagged === "keep") return { unchanged: true, result: { tag, tagId: tag.id, created, added: false } };
          throw new ValidationError(`This contact is already tagged “${tag.name}”.`, { name: [`Already tagged “${tag.name}”.`] });
        }
        await tx.insert(contactTags).values({ contactId: input.contactId, tagId: tag.id });
        return {
          activities: [{ type: "tagged", summary: `Tagged “${tag.name}”`, payload: { tagId: tag.id } }],
          result: { tag, tagId: tag.id, created, added: true },
        };
      },
    });
  } catch (error) {
    // Someone created the same tag at the same moment: the name is now taken, so just try again.
    if (isUniqueViolation(error, "tags_name_lower_key")) {
      throw new ConflictError("That tag was just created by someone else. Add it again.", { reason: "tag" });
    }
    throw error;
  }
}

/**
 * Takes a tag off a contact. A contact without it: an error for the profile (someone else removed it
 * meanwhile), or nothing to do when `ifUntagged` is "keep" (the API's DELETE, which may be repeated).
 */
export async function removeContactTag(
  input: Omit<z.output<typeof removeContactTagInput>, "version"> & { version?: number },
  actor: Actor,
  options: { ifUntagged?: "refuse" | "keep" } = {},
): Promise<{ removed: boolean }> {
  return writeContact<{ removed: boolean }>({
    contactId: input.contactId,
    expectedVersion: input.version,
    actor,
    action: "contact.tag.remove",
    run: async (tx) => {
      const [tag] = await tx.select({ name: tags.name }).from(tags).where(eq(tags.id, input.tagId));
      const removed = await tx
        .delete(contactTags)
        .where(and(eq(contactTags.contactId, input.contactId), eq(contactTags.tagId, input.tagId)))
        .returning();
      if (removed.length === 0 || !tag) {
        if (options.ifUntagged === "keep") return { unchanged: true, result: { removed: false } };
        throw new NotFoundError("That tag is no longer on this contact.");
      }
      return { activities: [{ type: "untagged", summary: `Tag “${tag.name}” removed`, payload: { tagId: input.tagId } }], result: { removed: true } };
    },
  });
}

/** Takes the tag named `name` (case-insensitively) off a contact, if it has it; an unknown name is nothing to take off. */
export async function removeContactTagByName(input: { contactId: number; name: string }, actor: Actor): Promise<{ removed: boolean }> {
  const tag = await findTagByName(db, input.name);
  if (!tag) return { removed: false };
  return removeContactTag({ contactId: input.contactId, tagId: tag.id }, actor, { ifUntagged: "keep" });
}
