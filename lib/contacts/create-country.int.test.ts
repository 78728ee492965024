import { describe, expect, it, vi } from "vitest";
import { makeContact, makeUser } from "@/lib/testing/factories";
import { contactActions } from "./actions";
import { actAs } from "@/lib/testing/act-as";

// The workspace row is shared by every test running at the same time, so its country is not changed
// here; this file reads it as Germany instead (lib/settings tests cover saving and reading the row).
vi.mock("@/lib/workspace", async (original) => ({
  ...(await original<typeof import("@/lib/workspace")>()),
  defaultCountry: async () => "DE",
}));

describe("the workspace's default country", () => {
  it("is the country of a number typed without +, on create and on a profile", async () => {
    const agent = await makeUser("agent");
    const suffix = String(Date.now() % 1_000_000).padStart(6, "0");
    const created = await actAs(agent, contactActions.create, { phone: `030 12${suffix}` });
    expect(created).toMatchObject({ ok: true });
    const c = await makeContact();
    const added = await actAs(agent, contactActions.addPhone, { contactId: c.id, version: 1, phone: `0151 23${suffix}` });
    expect(added).toMatchObject({ ok: true, data: { e164: `+4915123${suffix}` } });
    const refused = await actAs(agent, contactActions.addPhone, { contactId: c.id, version: 2, phone: "(319) 555-0100" });
    expect(refused).toMatchObject({ ok: false, fieldErrors: { phone: [expect.stringContaining("for DE")] } });
  });
});
