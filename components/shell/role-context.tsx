"use client";

import { createContext, useContext, type ReactNode } from "react";
import type { Role } from "@/db/schema/enums";
import { can, type Permission } from "@/lib/auth/permissions";

// Deep client widgets (a conflict message inside a field editor) hide what the role may not do
// without each parent passing a flag down. Only for hiding: the server checks every action itself.
const RoleContext = createContext<Role | null>(null);

export function RoleProvider({ role, children }: { role: Role; children: ReactNode }) {
  return <RoleContext.Provider value={role}>{children}</RoleContext.Provider>;
}

/** Whether the signed-in user's role has `permission`; false outside the dashboard. */
export function useCan(permission: Permission): boolean {
  return can(useContext(RoleContext), permission);
}
