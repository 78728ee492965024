"use server";

import { serverAction } from "@/lib/safe-action";
import { userActions as u } from "@/lib/users/actions";

// Doors over lib/users/actions.ts: every signed-in user's own account (account.edit).

export const renameAccountAction = serverAction(u.renameAccount, { refresh: true });
// No refresh: the change ended this session too, and the form sends the user to sign in again.
export const changePasswordAction = serverAction(u.changePassword);
