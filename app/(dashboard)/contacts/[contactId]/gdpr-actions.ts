"use server";

import { gdprActions } from "@/lib/gdpr/actions";
import { serverAction } from "@/lib/safe-action";

// The profile is gone once erased: back to the list.
export const eraseContactAction = serverAction(gdprActions.erase, { redirect: () => "/contacts" });
