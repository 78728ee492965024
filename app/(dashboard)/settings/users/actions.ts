"use server";

import { serverAction } from "@/lib/safe-action";
import { userActions as u } from "@/lib/users/actions";

// Doors over lib/users/actions.ts; each definition checks settings.manage itself.

const refresh = { refresh: true } as const;

export const createUserAction = serverAction(u.createUser, refresh);
export const setUserRoleAction = serverAction(u.setRole, refresh);
export const deactivateUserAction = serverAction(u.deactivate, refresh);
export const reactivateUserAction = serverAction(u.reactivate, refresh);
export const resetUserPasswordAction = serverAction(u.resetPassword, refresh);
