"use server";

import { apiTokenActions as t } from "@/lib/api-tokens/actions";
import { serverAction } from "@/lib/safe-action";

// Doors over lib/api-tokens/actions.ts; each definition checks settings.manage itself.

export const createApiTokenAction = serverAction(t.createToken, { refresh: true });
export const revokeApiTokenAction = serverAction(t.revokeToken, { refresh: true });
