import type { Role } from "@/db/schema/enums";

/** Every permission an action or route can require. SPEC §1 is the source of this table. */
export const PERMISSIONS = {
  "contacts.view": ["agent", "supervisor", "admin"],
  "contacts.create": ["agent", "supervisor", "admin"],
  "contacts.edit": ["agent", "supervisor", "admin"],
  "contacts.note": ["agent", "supervisor", "admin"],
  "contacts.block": ["agent", "supervisor", "admin"],
  "contacts.delete": ["supervisor", "admin"],
  // SPEC §9: a delete moves the contact to Trash; the Trash segment, Restore and Delete forever are the
  // admins' (as GDPR erasure is), so a supervisor's delete can be undone but not made final by them.
  "contacts.trash": ["admin"],
  "contacts.merge": ["supervisor", "admin"],
  "contacts.bulk": ["supervisor", "admin"],
  "contacts.import": ["supervisor", "admin"],
  "contacts.export": ["supervisor", "admin"],
  // SPEC §8: GDPR requests are handled by administrators: erasure, and the access export of one person's data.
  "contacts.erase": ["admin"],
  "contacts.access_export": ["admin"],
  // SPEC §2 and §8: tags are managed in settings, and settings are the admins'. Others attach existing tags.
  "tags.create": ["admin"],
  "segments.view": ["agent", "supervisor", "admin"],
  "segments.share": ["supervisor", "admin"],
  // Shared segments are the team's: an admin may correct or remove one someone else saved.
  "segments.manage": ["admin"],
  "preferences.edit": ["agent", "supervisor", "admin"],
  // Every signed-in user's own name and password (/settings/account).
  "account.edit": ["agent", "supervisor", "admin"],
  "settings.manage": ["admin"],
  // SPEC §8: the audit log is the admins'. A contact's History on its profile: SPEC is silent; the
  // supervisors, who merge, delete and export contacts, may see who changed a contact.
  "audit.view": ["admin"],
  "audit.history": ["supervisor", "admin"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(role: Role | null | undefined, permission: Permission): boolean {
  if (!role) return false;
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}

export const ROLE_LABELS: Record<Role, string> = {
  agent: "Agent",
  supervisor: "Supervisor",
  admin: "Admin",
};
