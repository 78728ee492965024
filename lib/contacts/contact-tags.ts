import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { contactTags, tags } from "@/db/schema";
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

/**
 * Tags a contact by tag name (matched case-insensitively). A name no tag has yet creates the tag,
 * which only admins may do.
 */
export async function addContactTag(
  input: z.output<typeof addContactTagInput>,
  user: CurrentUser,
  actor: Actor,
): Promise<{ tagId: number; created: boolean }> {
  try {
    return await writeContact({
      contactId: input.contactId,
      expectedVersion: input.version,
      actor,
      action: "contact.tag.add",
      run: async (tx, before) => {
        let tag = await findTagByName(tx, input.name);
        const created = !tag;
        if (!tag) {
          if (!can(user.role, "tags.create")) throw new ForbiddenError(`There is no tag “${input.name}”. ${ONLY_ADMINS_CREATE_TAGS}`);
          tag = await insertTag(tx, { name: input.name, color: DEFAULT_TAG_COLOR }, actor);
        }
        if (before.tags.some((t) => t.id === tag.id)) {
          throw new ValidationError(`This contact is already tagged “${tag.name}”.`, { name: [`Already tagged “${tag.name}”.`] });
        }
        await tx.insert(contactTags).values({ contactId: input.contactId, tagId: tag.id });
        return {
          activities: [{ type: "tagged", summary: `Tagged “${tag.name}”`, payload: { tagId: tag.id } }],
          result: { tagId: tag.id, created },
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

export async function removeContactTag(input: z.output<typeof removeContactTagInput>, actor: Actor): Promise<void> {
  await writeContact({
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
      if (removed.length === 0 || !tag) throw new NotFoundError("That tag is no longer on this contact.");
      return { activities: [{ type: "untagged", summary: `Tag “${tag.name}” removed`, payload: { tagId: input.tagId } }], result: undefined };
    },
  });
}
