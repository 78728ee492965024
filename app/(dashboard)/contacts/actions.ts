"use server";

import { contactActions } from "@/lib/contacts/actions";
import { serverAction } from "@/lib/safe-action";
import { settingsActions } from "@/lib/settings/actions";

// The contact list's "Customize table". Doors only: the definitions live in lib/contacts/actions.ts.

export const saveColumnsAction = serverAction(contactActions.saveColumns, { revalidate: "/contacts" });
export const resetColumnsAction = serverAction(contactActions.resetColumns, { revalidate: "/contacts" });

// The tag picker's "Create tag" (bulk tags, the filter): the settings' definition and permission, without
// a refresh, which would clear the list's selection under an open dialog.
export const createTagAction = serverAction(settingsActions.createTag);
