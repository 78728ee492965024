import {
  createAttributeInput,
  createDefinition,
  deleteAttributeInput,
  deleteDefinition,
  updateAttributeInput,
  updateDefinition,
} from "@/lib/attributes/definitions";
import { defineAction } from "@/lib/safe-action";
import { createTag, createTagInput, deleteTag, deleteTagInput, updateTag, updateTagInput } from "@/lib/tags/tags";
import { updateWorkspace, workspaceInput } from "@/lib/workspace";
import { mergeSettingsInput, updateMergeSettings } from "./merge-settings";
import { countOf } from "@/lib/plural";

/** The admin settings' actions (custom attributes, tags, workspace, merge settings); see lib/contacts/actions.ts. */
export const settingsActions = {
  createAttribute: defineAction({
    permission: "settings.manage",
    schema: createAttributeInput,
    run: async (input, { actor }) => {
      const def = await createDefinition(input, actor);
      return { ok: true, data: { id: def.id }, message: `Custom attribute “${def.label}” created.` };
    },
  }),
  updateAttribute: defineAction({
    permission: "settings.manage",
    schema: updateAttributeInput,
    run: async (input, { actor }) => {
      const { clearedValues } = await updateDefinition(input, actor);
      return { ok: true, message: clearedValues ? `Saved. ${countOf(clearedValues, "value")} cleared.` : "Saved." };
    },
  }),
  deleteAttribute: defineAction({
    permission: "settings.manage",
    schema: deleteAttributeInput,
    run: async (input, { actor }) => {
      const { removedValues } = await deleteDefinition(input, actor);
      return { ok: true, message: removedValues ? `Deleted, with ${countOf(removedValues, "value")}.` : "Deleted." };
    },
  }),
  // Tags are settings (SPEC §2): admins create them, here or while tagging a contact.
  createTag: defineAction({
    permission: "tags.create",
    schema: createTagInput,
    run: async (input, { actor }) => {
      const tag = await createTag(input, actor);
      return { ok: true, data: { id: tag.id }, message: `Tag “${tag.name}” created.` };
    },
  }),
  updateTag: defineAction({
    permission: "settings.manage",
    schema: updateTagInput,
    run: async (input, { actor }) => {
      await updateTag(input, actor);
      return { ok: true, message: "Saved." };
    },
  }),
  deleteTag: defineAction({
    permission: "settings.manage",
    schema: deleteTagInput,
    run: async (input, { actor }) => {
      const { removedFrom } = await deleteTag(input, actor);
      return { ok: true, message: removedFrom ? `Tag deleted and removed from ${countOf(removedFrom, "contact")}.` : "Tag deleted." };
    },
  }),
  updateWorkspace: defineAction({
    permission: "settings.manage",
    schema: workspaceInput,
    run: async (input, { actor }) => {
      await updateWorkspace(input, actor);
      return { ok: true, message: "Workspace saved." };
    },
  }),
  updateMergeSettings: defineAction({
    permission: "settings.manage",
    schema: mergeSettingsInput,
    run: async (input, { actor }) => {
      await updateMergeSettings(input, actor);
      return { ok: true, message: "Merge settings saved." };
    },
  }),
};
