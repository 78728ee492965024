"use server";

import { contactActions } from "@/lib/contacts/actions";
import { serverAction } from "@/lib/safe-action";

/** "Create contact": on success, straight to the new profile. */
export const createContactAction = serverAction(contactActions.create, { redirect: (contact) => `/contacts/${contact.id}` });
