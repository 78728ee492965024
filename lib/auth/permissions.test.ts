import { describe, expect, it } from "vitest";
import type { Role } from "@/db/schema/enums";
import { can, PERMISSIONS, type Permission } from "./permissions";

/** SPEC §1 (roles) and §8 (settings, admin), written out role by role. */
const SPEC: Record<Role, Permission[]> = {
  agent: ["contacts.view", "contacts.create", "contacts.edit", "contacts.note", "contacts.block", "segments.view", "preferences.edit", "account.edit"],
  supervisor: [
    "contacts.view", "contacts.create", "contacts.edit", "contacts.note", "contacts.block", "segments.view", "preferences.edit", "account.edit",
    "contacts.delete", "contacts.merge", "contacts.bulk", "contacts.import", "contacts.export", "segments.share",
    "audit.history",
  ],
  admin: Object.keys(PERMISSIONS) as Permission[],
};

describe("permissions", () => {
  for (const role of Object.keys(SPEC) as Role[]) {
    it(`gives ${role}s exactly what SPEC §1 gives them`, () => {
      const granted = (Object.keys(PERMISSIONS) as Permission[]).filter((p) => can(role, p));
      expect(granted.sort()).toEqual([...SPEC[role]].sort());
    });
  }

  it("keeps settings, tags among them, for admins: a supervisor cannot create a tag from Settings or elsewhere", () => {
    expect(can("supervisor", "tags.create")).toBe(false);
    expect(can("supervisor", "settings.manage")).toBe(false);
    expect(can("admin", "tags.create")).toBe(true);
  });

  it("gives nobody anything without a role", () => {
    for (const permission of Object.keys(PERMISSIONS) as Permission[]) expect(can(null, permission)).toBe(false);
  });
});
