"use server";

import { redirect } from "next/navigation";
import { contactActions } from "@/lib/contacts/actions";
import { safeAction, type ActionResult } from "@/lib/safe-action";

/** "Create contact": on success, straight to the new profile. */
export async function createContactAction(_previous: ActionResult<unknown> | null, form: FormData) {
  const result = await safeAction(contactActions.create)(form);
  if (result.ok && result.data) redirect(`/contacts/${result.data.id}`);
  return result;
}
