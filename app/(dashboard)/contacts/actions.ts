"use server";

import { contactActions } from "@/lib/contacts/actions";
import { serverAction } from "@/lib/safe-action";

// The contact list's "Customize table". Doors only: the definitions live in lib/contacts/actions.ts.

export const saveColumnsAction = serverAction(contactActions.saveColumns, { revalidate: "/contacts" });
export const resetColumnsAction = serverAction(contactActions.resetColumns, { revalidate: "/contacts" });
