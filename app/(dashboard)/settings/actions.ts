"use server";

import { serverAction } from "@/lib/safe-action";
import { settingsActions as s } from "@/lib/settings/actions";

// Doors over lib/settings/actions.ts; the settings layout hides the pages from non-admins, and each
// definition checks the permission again, since an action can be called without the page.

const refresh = { refresh: true } as const;

export const createAttributeAction = serverAction(s.createAttribute, refresh);
export const updateAttributeAction = serverAction(s.updateAttribute, refresh);
export const deleteAttributeAction = serverAction(s.deleteAttribute, refresh);
export const createTagAction = serverAction(s.createTag, refresh);
export const updateTagAction = serverAction(s.updateTag, refresh);
export const deleteTagAction = serverAction(s.deleteTag, refresh);
export const updateWorkspaceAction = serverAction(s.updateWorkspace, refresh);
export const updateMergeSettingsAction = serverAction(s.updateMergeSettings, refresh);
