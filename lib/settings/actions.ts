import type { z } from "zod";
import {
  createAttributeInput,
  createDefinition,
  deleteAttributeInput,
  deleteDefinition,
  updateAttributeInput,
  updateDefinition,
} from "@/lib/attributes/definitions";
import type { ActionDefinition } from "@/lib/safe-action";
import { createTag, createTagInput, deleteTag, deleteTagInput, updateTag, updateTagInput } from "@/lib/tags/tags";
import { updateWorkspace, workspaceInput } from "@/lib/workspace";

const define = <S extends z.ZodType, T>(d: ActionDefinition<S, T>) => d;

/** The admin settings' actions (custom attributes, tags, workspace); see lib/contacts/actions.ts. */
export const settingsActions = {
  createAttribute: define({
    permission: "settings.manage",
    schema: createAttributeInput,
    run: async (input, { actor }) => {
      const def = await createDefinition(input, actor);
      return { ok: true, data: { id: def.id }, message: `Custom attribute “${def.label}” created.` };
    },
  }),
  updateAttribute: define({
    permission: "settings.manage",
    schema: updateAttributeInput,
    run: async (input, { actor }) => {
      const { clearedValues } = await updateDefinition(input, actor);
      return { ok: true, message: clearedValues ? `Saved. ${clearedValues} value${clearedValues === 1 ? "" : "s"} cleared.` : "Saved." };
    },
  }),
  deleteAttribute: define({
    permission: "settings.manage",
    schema: deleteAttributeInput,
    run: async (input, { actor }) => {
      const { removedValues } = await deleteDefinition(input, actor);
      return { ok: true, message: removedValues ? `Deleted, with ${removedValues} value${removedValues === 1 ? "" : "s"}.` : "Deleted." };
    },
  }),
  // Creating tags is open to supervisors too (from a profile); this door is the settings page's.
  createTag: define({
    permission: "tags.create",
    schema: createTagInput,
    run: async (input, { actor }) => {
      const tag = await createTag(input, actor);
      return { ok: true, data: { id: tag.id }, message: `Tag “${tag.name}” created.` };
    },
  }),
  updateTag: define({
    permission: "settings.manage",
    schema: updateTagInput,
    run: async (input, { actor }) => {
      await updateTag(input, actor);
      return { ok: true, message: "Saved." };
    },
  }),
  deleteTag: define({
    permission: "settings.manage",
    schema: deleteTagInput,
    run: async (input, { actor }) => {
      const { removedFrom } = await deleteTag(input, actor);
      return { ok: true, message: removedFrom ? `Tag deleted and removed from ${removedFrom} contact${removedFrom === 1 ? "" : "s"}.` : "Tag deleted." };
    },
  }),
  updateWorkspace: define({
    permission: "settings.manage",
    schema: workspaceInput,
    run: async (input, { actor }) => {
      await updateWorkspace(input, actor);
      return { ok: true, message: "Workspace saved." };
    },
  }),
};
