import { describe, expect, it } from "vitest";
import { can, PERMISSIONS } from "./permissions";

describe("permissions", () => {
  it("follows SPEC §1: agents edit, supervisors also bulk/merge/import/delete, admins also settings", () => {
    expect(can("agent", "contacts.edit")).toBe(true);
    expect(can("agent", "contacts.delete")).toBe(false);
    expect(can("agent", "contacts.merge")).toBe(false);
    expect(can("agent", "contacts.import")).toBe(false);
    expect(can("supervisor", "contacts.bulk")).toBe(true);
    expect(can("supervisor", "settings.manage")).toBe(false);
    expect(can("admin", "settings.manage")).toBe(true);
  });

  it("gives admins every permission and nobody anything without a role", () => {
    for (const permission of Object.keys(PERMISSIONS) as (keyof typeof PERMISSIONS)[]) {
      expect(can("admin", permission)).toBe(true);
      expect(can(null, permission)).toBe(false);
    }
  });
});
