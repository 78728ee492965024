"use server";

import { contactActions } from "@/lib/contacts/actions";
import { serverAction } from "@/lib/safe-action";

/** "Create contact": on success, straight to the new profile. */
export const createContactAction = serverAction(contactActions.create, { redirect: (contact) => `/contacts/${contact.id}` });
/** "Add to <holder> instead": the typed values join the contact that holds one of them, then its profile. */
export const addToContactAction = serverAction(contactActions.addToContact, { redirect: (out) => `/contacts/${out.id}?added=${out.added}` });
